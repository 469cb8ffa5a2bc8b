package dev.ebb.worker.aws;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.awscore.endpoint.AwsClientEndpointProvider;
import software.amazon.awssdk.awscore.endpoint.DualstackEnabledProvider;
import software.amazon.awssdk.awscore.endpoint.FipsEnabledProvider;

/**
 * Where one service's calls go, read from the same settings the SDK's clients read, so that the
 * worker's own HTTP paths ({@link SqsHttp}, {@link S3Transfers}) call the endpoint an SDK client
 * would: Ebb's override ({@code EBB_SQS_ENDPOINT}, {@code EBB_S3_ENDPOINT}) first, else the SDK's
 * ({@code AWS_ENDPOINT_URL_SQS}, {@code AWS_ENDPOINT_URL}, their system properties, the profile's
 * {@code endpoint_url}); FIPS and dual-stack from {@code AWS_USE_FIPS_ENDPOINT} and {@code
 * AWS_USE_DUALSTACK_ENDPOINT} (or their system properties and profile settings). The endpoint
 * rules then take these as their parameters.
 */
public record ServiceEndpoint(Optional<URI> override, boolean fips, boolean dualStack) {

    /**
     * Both services' endpoints, the SDK's FIPS and dual-stack settings read once for both (each read
     * looks at the environment, the system properties and the profile file).
     */
    public static Both resolve(Optional<URI> ebbSqs, Optional<URI> ebbS3) {
        boolean fips = FipsEnabledProvider.builder().build().isFipsEnabled().orElse(false);
        boolean dualStack =
                DualstackEnabledProvider.builder().build().isDualstackEnabled().orElse(false);
        return new Both(
                new ServiceEndpoint(override("sqs", ebbSqs), fips, dualStack),
                new ServiceEndpoint(override("s3", ebbS3), fips, dualStack));
    }

    /** The SQS and S3 endpoints. */
    public record Both(ServiceEndpoint sqs, ServiceEndpoint s3) {}

    /** {@code service}: the SDK's name for it, {@code sqs} or {@code s3}. */
    static Optional<URI> override(String service, Optional<URI> ebbOverride) {
        return ebbOverride.isPresent()
                ? ebbOverride
                : AwsClientEndpointProvider.builder()
                        .serviceEndpointOverrideEnvironmentVariable(
                                "AWS_ENDPOINT_URL_" + service.toUpperCase(Locale.ROOT))
                        .serviceEndpointOverrideSystemProperty("aws.endpointUrl" + capitalised(service))
                        .serviceProfileProperty(service)
                        .resolveFromOverrides();
    }

    private static String capitalised(String s) {
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
