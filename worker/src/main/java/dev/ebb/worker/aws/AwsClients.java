package dev.ebb.worker.aws;

import dev.ebb.worker.config.WorkerConfig;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * The async clients on Netty. SDK retries are off: {@link Guard} owns retries so the breakers see
 * every failure. With an endpoint override (emulators, S3-compatible stores) S3 sends checksums
 * only when required, which S3-compatible servers such as S3Proxy need.
 *
 * <p>Both clients share one Netty event-loop group that this class owns: a group the SDK creates
 * itself is closed with Netty's 2-second quiet period, which every exit (and every SIGTERM grace)
 * would wait out. Closed here with none: by then the worker has nothing left to send.
 */
public record AwsClients(SqsAsyncClient sqs, S3AsyncClient s3, EventLoopGroup eventLoops) implements AutoCloseable {

    // NioEventLoopGroup is deprecated in Netty 4.2, but it is the group the SDK 2.57 recognises
    // (it refuses MultiThreadIoEventLoopGroup: "Unknown event loop group").
    @SuppressWarnings("deprecation")
    public static AwsClients create(WorkerConfig config) {
        AtomicInteger n = new AtomicInteger();
        EventLoopGroup group =
                new NioEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
                    Thread t = new Thread(r, "ebb-aws-netty-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        SdkEventLoopGroup shared = SdkEventLoopGroup.create(group, NioSocketChannel::new);
        return new AwsClients(sqs(config, shared), s3(config, shared), group);
    }

    private static SqsAsyncClient sqs(WorkerConfig config, SdkEventLoopGroup group) {
        var b = SqsAsyncClient.builder()
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .eventLoopGroup(group)
                        // a long poll holds its connection for WaitTimeSeconds
                        .readTimeout(Duration.ofSeconds(config.waitTimeSeconds() + 10))
                        .maxConcurrency(64))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));
        config.region().map(Region::of).ifPresent(b::region);
        config.sqsEndpoint().ifPresent(b::endpointOverride);
        return b.build();
    }

    private static S3AsyncClient s3(WorkerConfig config, SdkEventLoopGroup group) {
        var b = S3AsyncClient.builder()
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .eventLoopGroup(group)
                        .readTimeout(Duration.ofSeconds(30))
                        .maxConcurrency(Math.max(64, config.concurrency() * 2)))
                .forcePathStyle(config.s3PathStyle())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));
        config.region().map(Region::of).ifPresent(b::region);
        config.s3Endpoint()
                .ifPresent(e -> b.endpointOverride(e)
                        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED));
        return b.build();
    }

    @Override
    public void close() {
        sqs.close();
        s3.close();
        eventLoops.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
