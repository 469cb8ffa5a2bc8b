package dev.ebb.worker.aws;

import dev.ebb.worker.config.WorkerConfig;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * The worker's access to AWS: one credentials chain (the task role, refreshed) and one region for
 * every call. The calls every message or start makes go over {@link SqsHttp} and {@link
 * S3Transfers}; the SDK's S3 client serves only the two rare ones (HeadObject for an event without
 * a size, the listing behind a 403), so it is built when first asked for: a start that never needs
 * it does not pay for building it, its Netty event loops and its first call (about a third of a
 * second of CPU on a 1-vCPU task, docs/worker.md).
 *
 * <p>That client's retries are off: {@link Guard} owns retries so the breakers see every failure.
 * With an endpoint override (emulators, S3-compatible stores) it sends checksums only when
 * required, which S3-compatible servers such as S3Proxy need. Its Netty group is owned here: a
 * group the SDK creates itself is closed with Netty's 2-second quiet period, which every exit would
 * wait out; closed here with none, since by then the worker has nothing left to send.
 */
public final class AwsClients implements AutoCloseable {

    private final WorkerConfig config;
    private final DefaultCredentialsProvider credentials;
    private final Region region;
    private final ServiceEndpoint sqsEndpoint;
    private final ServiceEndpoint s3Endpoint;

    // built on first use, from the event loop or a retry on the retry scheduler
    private S3AsyncClient s3;
    private EventLoopGroup eventLoops;
    private boolean closed;

    private AwsClients(
            WorkerConfig config,
            DefaultCredentialsProvider credentials,
            Region region,
            ServiceEndpoint.Both endpoints) {
        this.config = config;
        this.credentials = credentials;
        this.region = region;
        this.sqsEndpoint = endpoints.sqs();
        this.s3Endpoint = endpoints.s3();
    }

    /** Resolves the region now (EBB_REGION, else the SDK's chain: AWS_REGION, profile, task metadata). */
    public static AwsClients create(WorkerConfig config) {
        Region region = config.endpoints()
                .region()
                .map(Region::of)
                .orElseGet(() -> new DefaultAwsRegionProviderChain().getRegion());
        return new AwsClients(
                config,
                // refreshed in the background: a refresh never blocks the event loop that signs
                DefaultCredentialsProvider.builder()
                        .asyncCredentialUpdateEnabled(true)
                        .build(),
                region,
                ServiceEndpoint.resolve(
                        config.endpoints().sqs(), config.endpoints().s3()));
    }

    /** Where SQS calls go (EBB_SQS_ENDPOINT, else the SDK's settings). */
    public ServiceEndpoint sqsEndpoint() {
        return sqsEndpoint;
    }

    /** Where S3 calls go, for both paths (EBB_S3_ENDPOINT, else the SDK's settings). */
    public ServiceEndpoint s3Endpoint() {
        return s3Endpoint;
    }

    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    public Region region() {
        return region;
    }

    /** The SDK's async S3 client, built on the first call. */
    public synchronized S3AsyncClient s3() {
        if (closed) {
            throw new IllegalStateException("the AWS clients are closed: the worker is exiting");
        }
        if (s3 == null) {
            EventLoopGroup group = newEventLoops();
            try {
                s3 = s3(SdkEventLoopGroup.create(group, NioSocketChannel::new));
            } catch (RuntimeException e) {
                group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
                throw e;
            }
            eventLoops = group;
        }
        return s3;
    }

    // NioEventLoopGroup is deprecated in Netty 4.2, but it is the group the SDK 2.57 recognises
    // (it refuses MultiThreadIoEventLoopGroup: "Unknown event loop group").
    @SuppressWarnings("deprecation")
    private static EventLoopGroup newEventLoops() {
        AtomicInteger n = new AtomicInteger();
        return new NioEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
            Thread t = new Thread(r, "ebb-aws-netty-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    private S3AsyncClient s3(SdkEventLoopGroup group) {
        var b = S3AsyncClient.builder()
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .eventLoopGroup(group)
                        .readTimeout(Duration.ofSeconds(30))
                        .maxConcurrency(Math.max(64, config.capacity().concurrency() * 2)))
                .credentialsProvider(credentials)
                .region(region)
                .fipsEnabled(s3Endpoint.fips())
                .dualstackEnabled(s3Endpoint.dualStack())
                .forcePathStyle(config.endpoints().s3PathStyle())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));
        s3Endpoint
                .override()
                .ifPresent(e -> b.endpointOverride(e)
                        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED));
        return b.build();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (s3 != null) {
            s3.close();
            eventLoops.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        }
        credentials.close();
    }
}
