package dev.ebb.controller.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyParserTest {

    static List<BadPolicies.Case> badPolicies() {
        return BadPolicies.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPolicies")
    void rejectsWithFileLineColumnKeyAndWhatIsAllowed(BadPolicies.Case c) {
        PolicyResult result = PolicyParser.parse(c.yaml(), "policy.yaml");

        assertThat(result).isInstanceOf(PolicyResult.Invalid.class);
        List<PolicyError> errors = ((PolicyResult.Invalid) result).errors();
        assertThat(errors)
                .as("errors were %s", errors)
                .anySatisfy(e -> {
                    assertThat(e.file()).isEqualTo("policy.yaml");
                    assertThat(e.key()).isEqualTo(c.key());
                    assertThat(e.line()).isEqualTo(c.line());
                    assertThat(e.column()).isEqualTo(c.column());
                    assertThat(e.message()).contains(c.fragment());
                });
    }

    @Test
    void formatsLikeACompilerSoEditorsCanJump() {
        PolicyResult.Invalid invalid = (PolicyResult.Invalid) PolicyParser.parse(
                BadPolicies.withSpec("targetMessagesPerTask: 10\nmaxTask: 5"), "config/p.yaml");

        assertThat(invalid.format()).contains("config/p.yaml:7:3: spec.maxTask: unknown key; did you mean 'maxTasks'?");
    }

    @Test
    void reportsEveryErrorNotJustTheFirst() {
        PolicyResult.Invalid invalid = (PolicyResult.Invalid) PolicyParser.parse(
                BadPolicies.withSpec("targetMessagesPerTask: -1\nmaxTasks: 0\npaused: 1"), "p.yaml");

        assertThat(invalid.errors()).extracting(PolicyError::key)
                .containsExactly("spec.targetMessagesPerTask", "spec.maxTasks", "spec.paused");
    }

    @Test
    void fillsDefaultsForOmittedKeys() {
        ScalingPolicy p = valid(BadPolicies.withSpec(BadPolicies.OK_SPEC));

        assertThat(p).isEqualTo(new ScalingPolicy("test", false, 10, 0, 5, 1, true, false, 10,
                List.of(new ProviderShare(CapacityProvider.FARGATE, 0, 1)), true,
                new ScaleDown(ScaleDownMode.DRAIN, Duration.ofSeconds(300))));
    }

    @Test
    void readsEveryKey() {
        ScalingPolicy p = valid(BadPolicies.withSpec("""
                paused: true
                targetMessagesPerTask: 7
                minTasks: 2
                maxTasks: 2
                activationMessages: 0
                countInFlight: false
                countDelayed: true
                maxLaunchesPerCycle: 3
                capacityProviders:
                  - {name: FARGATE_SPOT, weight: 4}
                  - {name: FARGATE, base: 2, weight: 0}
                spotFallback: false
                scaleDown: {mode: stop-excess, stabilizationWindowSeconds: 60}
                """));

        assertThat(p).isEqualTo(new ScalingPolicy("test", true, 7, 2, 2, 0, false, true, 3,
                List.of(new ProviderShare(CapacityProvider.FARGATE_SPOT, 0, 4), new ProviderShare(CapacityProvider.FARGATE, 2, 0)),
                false, new ScaleDown(ScaleDownMode.STOP_EXCESS, Duration.ofSeconds(60))));
    }

    @Test
    void emptyFileSaysWhatIsExpected() {
        PolicyResult.Invalid invalid = (PolicyResult.Invalid) PolicyParser.parse("# nothing\n", "p.yaml");

        assertThat(invalid.format()).isEqualTo("p.yaml:1:1: the file is empty; expected apiVersion, kind, metadata and spec\n");
    }

    @Test
    void missingFileIsAnErrorValueNotAnException() {
        PolicyResult result = PolicyParser.parse(java.nio.file.Path.of("does/not/exist.yaml"));

        assertThat(((PolicyResult.Invalid) result).errors().getFirst().message()).startsWith("cannot read the file");
    }

    private static ScalingPolicy valid(String yaml) {
        PolicyResult result = PolicyParser.parse(yaml, "p.yaml");
        assertThat(result).as("%s", result).isInstanceOf(PolicyResult.Valid.class);
        return ((PolicyResult.Valid) result).policy();
    }
}
