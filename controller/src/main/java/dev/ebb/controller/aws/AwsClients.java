package dev.ebb.controller.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the clients on the JDK's HttpURLConnection: no Netty, no Apache, fast to start and
 * SnapStart-safe (no threads or connections at build time). SDK retries are off: {@link Retrying}
 * owns them. An endpoint override points them at emulators or VPC endpoints.
 */
public final class AwsClients {

    /**
     * A read that gets no answer is given up after 10 s and retried by {@link Retrying} (every call
     * here is idempotent or carries a clientToken): ECS and SQS answer in milliseconds, and the SDK's
     * 30 s default would spend a quarter of a cycle's budget on one stuck connection.
     */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    private AwsClients() {}

    public static SqsClient sqs(Optional<Region> region, Optional<URI> endpoint) {
        return build(SqsClient.builder(), region, endpoint);
    }

    public static CloudWatchClient cloudWatch(Optional<Region> region, Optional<URI> endpoint) {
        return build(CloudWatchClient.builder(), region, endpoint);
    }

    public static EcsClient ecs(Optional<Region> region, Optional<URI> endpoint) {
        return build(EcsClient.builder(), region, endpoint);
    }

    /**
     * The live policy's client. With an endpoint override (an emulator or a VPC endpoint): path-style
     * addresses, and checksums only where S3 requires them (S3Proxy rejects the SDK's default trailers).
     */
    public static S3Client s3(Optional<Region> region, Optional<URI> endpoint) {
        var b = S3Client.builder();
        endpoint.ifPresent(e -> b.forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED));
        return build(b, region, endpoint);
    }

    /** What every client here shares: the JDK's HTTP client, no SDK retries, region and endpoint if given. */
    private static <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C build(
            B builder, Optional<Region> region, Optional<URI> endpoint) {
        builder.httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(READ_TIMEOUT))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));
        region.ifPresent(builder::region);
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
