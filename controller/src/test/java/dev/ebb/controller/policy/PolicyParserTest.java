package dev.ebb.controller.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        assertThat(errors).as("errors were %s", errors).anySatisfy(e -> {
            assertThat(e.file()).isEqualTo("policy.yaml");
            assertThat(e.key()).isEqualTo(c.key());
            assertThat(e.line()).isEqualTo(c.line());
            assertThat(e.column()).isEqualTo(c.column());
            assertThat(e.message()).contains(c.fragment());
        });
    }

    @Test
    void formatsLikeACompilerSoEditorsCanJump() {
        PolicyResult.Invalid invalid = (PolicyResult.Invalid)
                PolicyParser.parse(BadPolicies.withSpec("targetMessagesPerTask: 10\nmaxTask: 5"), "config/p.yaml");

        assertThat(invalid.format()).contains("config/p.yaml:7:3: spec.maxTask: unknown key; did you mean 'maxTasks'?");
    }

    @Test
    void reportsEveryErrorNotJustTheFirst() {
        PolicyResult.Invalid invalid = (PolicyResult.Invalid)
                PolicyParser.parse(BadPolicies.withSpec("targetMessagesPerTask: -1\nmaxTasks: 0\npaused: 1"), "p.yaml");

        assertThat(invalid.errors())
                .extracting(PolicyError::key)
                .containsExactly("spec.targetMessagesPerTask", "spec.maxTasks", "spec.paused");
    }

    @Test
    void fillsDefaultsForOmittedKeys() {
        ScalingPolicy p = valid(BadPolicies.withSpec(BadPolicies.OK_SPEC));

        assertThat(p)
                .isEqualTo(new ScalingPolicy(
                        "test",
                        false,
                        new Sizing.ByMessages(10),
                        0,
                        5,
                        1,
                        true,
                        false,
                        10,
                        List.of(new ProviderShare(CapacityProvider.FARGATE, 0, 1)),
                        true,
                        new ScaleDown(ScaleDownMode.DRAIN, Duration.ofMinutes(5))));
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

        assertThat(p)
                .isEqualTo(new ScalingPolicy(
                        "test",
                        true,
                        new Sizing.ByMessages(7),
                        2,
                        2,
                        0,
                        false,
                        true,
                        3,
                        List.of(
                                new ProviderShare(CapacityProvider.FARGATE_SPOT, 0, 4),
                                new ProviderShare(CapacityProvider.FARGATE, 2, 0)),
                        false,
                        new ScaleDown(ScaleDownMode.STOP_EXCESS, Duration.ofMinutes(1))));
    }

    @Test
    void readsTheWorkBlock() {
        ScalingPolicy p = valid(BadPolicies.withSpec("""
                maxTasks: 40
                work: {drainWithin: 2m30s, targetUtilization: 75, assumedThroughputPerTask: 2.5, assumedStartLatency: 45s}
                scaleDown: {maxStopsPerHour: 12}
                """));

        assertThat(p.sizing()).isEqualTo(new Sizing.ByWork(Duration.ofSeconds(150), 75, 2.5, Duration.ofSeconds(45)));
        assertThat(p.scaleDown())
                .as("sized by work, stop-excess is the default mode")
                .isEqualTo(new ScaleDown(ScaleDownMode.STOP_EXCESS, Duration.ofMinutes(5), 12));
    }

    @Test
    void anEmptyWorkBlockTakesTheDefaults() {
        ScalingPolicy p = valid(BadPolicies.withSpec("maxTasks: 5\nwork: {}"));

        assertThat(p.sizing()).isEqualTo(PolicyParser.WORK_DEFAULTS);
    }

    @Test
    void bothSizingsAtOnceSaysWhichLineToRemove() {
        PolicyResult.Invalid invalid = (PolicyResult.Invalid) PolicyParser.parse(
                BadPolicies.withSpec("targetMessagesPerTask: 10\nmaxTasks: 5\nwork: {drainWithin: 3m}"), "p.yaml");

        assertThat(invalid.format())
                .contains("spec.targetMessagesPerTask: set either work (size by measured work) or"
                        + " targetMessagesPerTask (size by message count), not both; remove this line to size by work");
    }

    @Test
    void noSizingAtAllNamesBothWays() {
        PolicyResult.Invalid invalid =
                (PolicyResult.Invalid) PolicyParser.parse(BadPolicies.withSpec("maxTasks: 5"), "p.yaml");

        assertThat(invalid.errors()).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo("spec.work");
            assertThat(e.message()).contains("add work").contains("or targetMessagesPerTask");
        });
    }

    @Test
    void workValuesAreCheckedWithWhatIsAllowed() {
        PolicyResult.Invalid invalid = (PolicyResult.Invalid) PolicyParser.parse(BadPolicies.withSpec("""
                maxTasks: 5
                work:
                  drainWithin: 300
                  targetUtilization: 120
                  assumedThroughputPerTask: 0
                  assumedStartLatency: 2 minutes
                  drainWithn: 3m
                """), "p.yaml");

        assertThat(invalid.format())
                .contains(
                        "p.yaml:8:18: spec.work.drainWithin: must be a duration from 10s to 24h written like 90s, 3m or 1h30m, got the number 300",
                        "p.yaml:9:24: spec.work.targetUtilization: must be a whole number from 10 to 100, got the number 120",
                        "spec.work.assumedThroughputPerTask: must be a number from 0.001 to 100000, got the number 0",
                        "spec.work.assumedStartLatency: must be a duration from 0s to 30m",
                        "p.yaml:12:5: spec.work.drainWithn: unknown key; did you mean 'drainWithin'?");
    }

    @Test
    void aPolicyBuiltInCodeCannotBreakItsInvariants() {
        var strategy = List.of(new ProviderShare(CapacityProvider.FARGATE, 0, 1));
        var scaleDown = new ScaleDown(ScaleDownMode.DRAIN, Duration.ZERO);
        assertThatThrownBy(() -> new Sizing.ByMessages(0)).hasMessageContaining("targetMessagesPerTask");
        assertThatThrownBy(() -> new ScalingPolicy(
                        "x", false, new Sizing.ByMessages(1), 3, 2, 1, true, false, 1, strategy, true, scaleDown))
                .hasMessageContaining("minTasks <= maxTasks");
        assertThatThrownBy(() -> new ScalingPolicy(
                        "x",
                        false,
                        new Sizing.ByMessages(1),
                        0,
                        2,
                        1,
                        true,
                        false,
                        1,
                        List.of(new ProviderShare(CapacityProvider.FARGATE, 0, 0)),
                        true,
                        scaleDown))
                .hasMessageContaining("weight above 0");
        assertThatThrownBy(() -> new Sizing.ByWork(Duration.ZERO, 80, 1, Duration.ZERO))
                .hasMessageContaining("drainWithin");
        assertThatThrownBy(() -> new Sizing.ByWork(Duration.ofMinutes(1), 80, 0, Duration.ZERO))
                .hasMessageContaining("assumedThroughputPerTask");
    }

    @Test
    void emptyFileSaysWhatIsExpected() {
        PolicyResult.Invalid invalid = (PolicyResult.Invalid) PolicyParser.parse("# nothing\n", "p.yaml");

        assertThat(invalid.format())
                .isEqualTo("p.yaml:1:1: the file is empty; expected apiVersion, kind, metadata and spec\n");
    }

    @Test
    void missingFileIsAnErrorValueNotAnException() {
        PolicyResult result = PolicyParser.parse(java.nio.file.Path.of("does/not/exist.yaml"));

        assertThat(((PolicyResult.Invalid) result).errors().getFirst().message())
                .startsWith("cannot read the file");
    }

    private static ScalingPolicy valid(String yaml) {
        PolicyResult result = PolicyParser.parse(yaml, "p.yaml");
        assertThat(result).as("%s", result).isInstanceOf(PolicyResult.Valid.class);
        return ((PolicyResult.Valid) result).policy();
    }
}
