package dev.ebb.controller.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

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

        assertThat(invalid.problems()).hasSize(5).anyMatch(p -> p.startsWith("EBB_QUEUE_URL"))
                .anyMatch(p -> p.startsWith("EBB_CLUSTER")).anyMatch(p -> p.startsWith("EBB_TASK_DEFINITION"))
                .anyMatch(p -> p.startsWith("EBB_SUBNETS")).anyMatch(p -> p.startsWith("EBB_STARTED_BY must be 1 to 36"));
        assertThat(Settings.fromEnv(Map.of())).isInstanceOf(Settings.Result.Invalid.class);
    }
}
