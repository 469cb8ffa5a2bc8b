package dev.ebb.worker.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The worker's own HTTP paths read the endpoint settings the SDK's clients read (system properties
 * here; the environment variables are the same settings, and a test cannot set them).
 */
class ServiceEndpointTest {

    @AfterEach
    void clear() {
        System.clearProperty("aws.endpointUrlSqs");
        System.clearProperty("aws.endpointUrl");
        System.clearProperty("aws.useFipsEndpoint");
        System.clearProperty("aws.useDualstackEndpoint");
    }

    @Test
    void ebbsOverrideComesFirst() {
        System.setProperty("aws.endpointUrlSqs", "http://sdk-setting:1");
        assertThat(ServiceEndpoint.resolve(Optional.of(URI.create("http://ebb-setting:2")), Optional.empty())
                        .sqs()
                        .override())
                .contains(URI.create("http://ebb-setting:2"));
    }

    @Test
    void elseTheServiceSettingThenTheGlobalOne() {
        System.setProperty("aws.endpointUrl", "http://global:3");
        assertThat(ServiceEndpoint.override("s3", Optional.empty())).contains(URI.create("http://global:3"));
        System.setProperty("aws.endpointUrlSqs", "http://sqs-only:4");
        assertThat(ServiceEndpoint.override("sqs", Optional.empty())).contains(URI.create("http://sqs-only:4"));
    }

    @Test
    void fipsAndDualStackAsTheSdkReadsThem() {
        assertThat(ServiceEndpoint.resolve(Optional.empty(), Optional.empty()).sqs())
                .isEqualTo(new ServiceEndpoint(Optional.empty(), false, false));
        System.setProperty("aws.useFipsEndpoint", "true");
        System.setProperty("aws.useDualstackEndpoint", "true");
        var both = ServiceEndpoint.resolve(Optional.empty(), Optional.empty());
        assertThat(both.sqs()).isEqualTo(new ServiceEndpoint(Optional.empty(), true, true));
        assertThat(both.s3()).isEqualTo(new ServiceEndpoint(Optional.empty(), true, true));
    }
}
