package dev.ebb.controller.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsTest {

    private static Map<String, String> complete() {
        Map<String, String> env = new HashMap<>();
        env.put("EBB_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/1/ebb");
        env.put("EBB_CLUSTER", "ebb");
        env.put("EBB_TASK_DEFINITION", "ebb-worker:3");
        env.put("EBB_SUBNETS", "subnet-a, subnet-b");
        return env;
    }

    @Test
    void readsTheEnvironmentWithDefaults() {
        Settings s = ((Settings.Result.Ok) Settings.fromEnv(complete())).settings();

        assertThat(s.fleet().subnets()).containsExactly("subnet-a", "subnet-b");
        assertThat(s.fleet().securityGroups()).isEmpty();
        assertThat(s.fleet().startedBy()).isEqualTo("ebb-controller");
        assertThat(s.fleet().containerName()).isEqualTo("worker");
        assertThat(s.fleet().environment()).containsEntry("EBB_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/1/ebb");
        assertThat(s.fleet().assignPublicIp()).isFalse();
        assertThat(s.dryRun()).isFalse();
        assertThat(s.policyFile()).isEmpty();
        assertThat(s.sqsEndpoint()).isEmpty();
        assertThat(s.metricsNamespace()).isEqualTo("Ebb/Controller");
    }

    @Test
    void endpointOverridesFollowTheSdkNames() {
        Map<String, String> env = complete();
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:5000");
        env.put("AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:9324");
        env.put("EBB_POLICY_FILE", "/var/task/policy.yaml");
        env.put("EBB_DRY_RUN", "true");

        Settings s = ((Settings.Result.Ok) Settings.fromEnv(env)).settings();

        assertThat(s.sqsEndpoint()).contains(URI.create("http://127.0.0.1:9324"));
        assertThat(s.ecsEndpoint()).contains(URI.create("http://127.0.0.1:5000"));
        assertThat(s.policyFile()).isEqualTo(Optional.of(Path.of("/var/task/policy.yaml")));
        assertThat(s.dryRun()).isTrue();
    }

    @Test
    void listsEverythingMissingAtOnce() {
        Map<String, String> env = new HashMap<>();
        env.put("EBB_STARTED_BY", "x".repeat(37));

        Settings.Result.Invalid invalid = (Settings.Result.Invalid) Settings.fromEnv(env);

        assertThat(invalid.problems())
                .hasSize(5)
                .anyMatch(p -> p.startsWith("EBB_QUEUE_URL"))
                .anyMatch(p -> p.startsWith("EBB_CLUSTER"))
                .anyMatch(p -> p.startsWith("EBB_TASK_DEFINITION"))
                .anyMatch(p -> p.startsWith("EBB_SUBNETS"))
                .anyMatch(p -> p.startsWith("EBB_STARTED_BY='xxx") && p.contains("1 to 36 characters"));
        assertThat(Settings.fromEnv(Map.of())).isInstanceOf(Settings.Result.Invalid.class);
    }

    @ParameterizedTest(name = "{0}={1} -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                // variable                  | value          | read, or the problem
                "EBB_DRY_RUN                 | true           | dryRun=true",
                "EBB_DRY_RUN                 | ON             | dryRun=true",
                "EBB_DRY_RUN                 | 0              | dryRun=false",
                "EBB_DRY_RUN                 | yes            | EBB_DRY_RUN='yes' is not allowed (allowed: true, false, on, off, 1 or 0, any case)",
                "EBB_DRY_RUN                 | ture           | EBB_DRY_RUN='ture' is not allowed (allowed: true, false, on, off, 1 or 0, any case)",
                "EBB_ASSIGN_PUBLIC_IP        | enabled        | EBB_ASSIGN_PUBLIC_IP='enabled' is not allowed (allowed: true, false, on, off, 1 or 0, any case)",
                "AWS_ENDPOINT_URL_ECS        | localhost:5000 | AWS_ENDPOINT_URL_ECS='localhost:5000' is not allowed (allowed: an http:// or https:// URL with a host, e.g. http://localhost:9324)",
                "AWS_REGION                  | Ireland        | AWS_REGION='Ireland' is not allowed (allowed: an AWS region name, e.g. eu-west-1)"
            })
    void readsEachValueStrictly(String variable, String value, String expected) {
        Map<String, String> env = complete();
        env.put(variable, value);

        switch (Settings.fromEnv(env)) {
            case Settings.Result.Ok ok ->
                assertThat("dryRun=" + ok.settings().dryRun()).isEqualTo(expected);
            case Settings.Result.Invalid invalid ->
                assertThat(invalid.problems()).containsExactly(expected);
        }
    }

    @Test
    void theRegionComesFromAwsRegionElseTheDefaultRegion() {
        Map<String, String> env = complete();
        env.put("AWS_DEFAULT_REGION", "eu-west-1");
        assertThat(((Settings.Result.Ok) Settings.fromEnv(env)).settings().region())
                .contains("eu-west-1");
        env.put("AWS_REGION", "us-east-1");
        assertThat(((Settings.Result.Ok) Settings.fromEnv(env)).settings().region())
                .contains("us-east-1");
    }
}
