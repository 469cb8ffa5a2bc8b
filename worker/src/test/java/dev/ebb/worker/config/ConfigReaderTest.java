package dev.ebb.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ebb.image.spec.ResizeMode;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigReaderTest {

    static Map<String, String> minimal() {
        Map<String, String> env = new HashMap<>();
        env.put("EBB_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/uploads");
        env.put("EBB_DEST_BUCKET", "thumbs");
        return env;
    }

    @Test
    void defaults() throws Exception {
        WorkerConfig c = ConfigReader.read(minimal(), 2);
        assertThat(c.rendering().outputs()).extracting(o -> o.boxName()).containsExactly("224x224", "299x299");
        assertThat(c.rendering().outputs()).allSatisfy(o -> assertThat(o.mode()).isEqualTo(ResizeMode.FIT));
        assertThat(c.capacity().concurrency()).isEqualTo(20);
        assertThat(c.rendering().workerThreads()).isEqualTo(2);
        assertThat(c.queue().waitTimeSeconds()).isEqualTo(20);
        assertThat(c.queue().visibilityTimeoutSeconds()).isEmpty();
        assertThat(c.lifetime().idleWindow()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.lifetime().gracePeriod()).isEqualTo(Duration.ofSeconds(25));
        assertThat(c.queue().deadLetterUrl()).isEmpty();
        assertThat(c.buckets().destinationPrefix()).isEmpty();
        assertThat(c.metricsPort()).isEqualTo(9102);
        assertThat(c.endpoints().s3()).isEmpty();
        assertThat(c.endpoints().s3PathStyle()).isFalse();
    }

    @Test
    void concurrencyGrowsWithCpus() throws Exception {
        assertThat(ConfigReader.read(minimal(), 16).capacity().concurrency()).isEqualTo(64);
        assertThat(ConfigReader.read(minimal(), 16).rendering().workerThreads()).isEqualTo(16);
    }

    @Test
    void endpointOverridesTurnOnPathStyle() throws Exception {
        Map<String, String> env = minimal();
        env.put("EBB_S3_ENDPOINT", "http://localhost:9000");
        env.put("EBB_SQS_ENDPOINT", "http://localhost:9324");
        WorkerConfig c = ConfigReader.read(env, 2);
        assertThat(c.endpoints().s3()).contains(URI.create("http://localhost:9000"));
        assertThat(c.endpoints().sqs()).contains(URI.create("http://localhost:9324"));
        assertThat(c.endpoints().s3PathStyle()).isTrue();
        env.put("EBB_S3_PATH_STYLE", "off");
        assertThat(ConfigReader.read(env, 2).endpoints().s3PathStyle()).isFalse();
        env.put("AWS_REGION", "eu-west-1");
        assertThat(ConfigReader.read(env, 2).endpoints().region()).isEqualTo(Optional.of("eu-west-1"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "EBB_MODE                       | stretch    | allowed: fit, fill or pad",
                "EBB_FORMAT                     | webp       | allowed: jpeg or png",
                "EBB_QUALITY                    | 0          | from 1 to 100",
                "EBB_QUALITY                    | high       | from 1 to 100",
                "EBB_SIZES                      | 224        | WIDTHxHEIGHT",
                "EBB_SIZES                      | 224x224,224x224 | listed twice",
                "EBB_BACKGROUND                 | pink       | #rrggbb, black or white",
                "EBB_CONCURRENCY                | 0          | from 1 to 1000",
                "EBB_WAIT_TIME_SECONDS          | 21         | from 0 to 20",
                "EBB_VISIBILITY_TIMEOUT_SECONDS | 1          | from 2 to 43200",
                "EBB_IDLE_SECONDS               | -1         | from 0 to 86400",
                "EBB_GRACE_SECONDS              | soon       | from 0 to 3600",
                "EBB_METRICS_PORT               | 70000      | from 0 to 65535",
                "EBB_S3_ENDPOINT                | localhost:9000 | an http:// or https:// URL",
                "EBB_TURBOJPEG                  | maybe      | true, false, on, off, 1 or 0",
                "EBB_S3_PATH_STYLE              | yes        | true, false, on, off, 1 or 0",
                "EBB_REGION                     | Ireland    | an AWS region name",
                "EBB_TASK_VCPU                  | 0.1        | a number from 0.125 to 192",
                "EBB_DEST_PREFIX                | /thumbs/   | must not start with '/'",
                "EBB_BREAKER_FAILURE_RATE       | 101        | from 1 to 100",
                "EBB_SOURCE_BUCKETS             | Uploads    | not an S3 bucket name",
                "EBB_SOURCE_BUCKETS             | a1b,a1b    | listed twice",
                "EBB_MAX_BYTES_IN_FLIGHT        | 0          | from 1 up"
            })
    void aWrongValueNamesTheVariableAndWhatIsAllowed(String variable, String value, String allowed) {
        Map<String, String> env = minimal();
        env.put(variable, value);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigReader.read(env, 2));
        assertThat(e).isNotNull();
        assertThat(e.problems()).hasSize(1);
        assertThat(e.problems().getFirst()).startsWith(variable).contains(allowed);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Map<String, String> env = new HashMap<>();
        env.put("EBB_QUALITY", "200");
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigReader.read(env, 2));
        assertThat(e.problems()).hasSize(3);
        assertThat(String.join("\n", e.problems()))
                .contains("EBB_QUEUE_URL is not set", "EBB_DEST_BUCKET is not set", "EBB_QUALITY='200'");
    }

    @Test
    void backoffMaxBelowBaseIsRefused() {
        Map<String, String> env = minimal();
        env.put("EBB_BACKOFF_BASE_SECONDS", "60");
        env.put("EBB_BACKOFF_MAX_SECONDS", "30");
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigReader.read(env, 2));
        assertThat(e.problems()).singleElement().asString().contains("EBB_BACKOFF_MAX_SECONDS");
    }

    @Test
    void aWrongSizeIsReportedBesideAWrongMode() {
        Map<String, String> env = minimal();
        env.put("EBB_SIZES", "224");
        env.put("EBB_MODE", "stretch");
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigReader.read(env, 2));
        assertThat(e.problems()).hasSize(2);
        assertThat(String.join("\n", e.problems())).contains("EBB_SIZES='224'", "EBB_MODE='stretch'");
    }

    @Test
    void sourceBucketsAndTheByteBudget() throws Exception {
        Map<String, String> env = minimal();
        WorkerConfig any = ConfigReader.read(env, 2, 1000L << 20);
        assertThat(any.buckets().sourceAllowed("whatever")).isTrue();
        assertThat(any.buckets().outputKeysNameBucket()).isFalse();
        assertThat(any.capacity().maxBytesInFlight())
                .as("half the heap's ceiling")
                .isEqualTo(500L << 20);
        env.put("EBB_SOURCE_BUCKETS", "uploads-a, uploads.b");
        env.put("EBB_MAX_BYTES_IN_FLIGHT", "1000");
        WorkerConfig two = ConfigReader.read(env, 2);
        assertThat(two.buckets().sources()).containsExactly("uploads-a", "uploads.b");
        assertThat(two.buckets().sourceAllowed("uploads-a")).isTrue();
        assertThat(two.buckets().sourceAllowed("other")).isFalse();
        assertThat(two.buckets().outputKeysNameBucket()).isTrue();
        assertThat(two.capacity().maxBytesInFlight()).isEqualTo(1000);
        env.put("EBB_SOURCE_BUCKETS", "uploads-a");
        assertThat(ConfigReader.read(env, 2).buckets().outputKeysNameBucket()).isFalse();
    }
}
