package dev.ebb.worker.aws;

import dev.ebb.worker.config.WorkerConfig;
import java.time.Duration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * Builds the async clients on Netty. SDK retries are off: {@link Guard} owns retries so the
 * breakers see every failure. With an endpoint override (emulators, S3-compatible stores) S3 sends
 * checksums only when required, which S3-compatible servers such as S3Proxy need.
 */
public final class AwsClients {

    private AwsClients() {}

    public static SqsAsyncClient sqs(WorkerConfig config) {
        var b = SqsAsyncClient.builder()
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        // a long poll holds its connection for WaitTimeSeconds
                        .readTimeout(Duration.ofSeconds(config.waitTimeSeconds() + 10))
                        .maxConcurrency(64))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));
        config.region().map(Region::of).ifPresent(b::region);
        config.sqsEndpoint().ifPresent(b::endpointOverride);
        return b.build();
    }

    public static S3AsyncClient s3(WorkerConfig config) {
        var b = S3AsyncClient.builder()
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .readTimeout(Duration.ofSeconds(30))
                        .maxConcurrency(Math.max(64, config.concurrency() * 2)))
                .forcePathStyle(config.s3PathStyle())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));
        config.region().map(Region::of).ifPresent(b::region);
        config.s3Endpoint().ifPresent(e -> b.endpointOverride(e)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED));
        return b.build();
    }
}
