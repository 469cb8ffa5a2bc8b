package dev.ebb.controller.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebb.controller.policy.CapacityProvider;
import dev.ebb.controller.policy.ProviderShare;
import dev.ebb.controller.policy.ScaleDown;
import dev.ebb.controller.policy.ScaleDownMode;
import dev.ebb.controller.policy.ScalingPolicy;
import dev.ebb.controller.policy.Sizing;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compact constructors are the last line of defence behind the parser, for records built in
 * code (the simulator, ebb local, tests): a violated invariant fails where the record is made, not
 * later as an ArithmeticException inside {@link Reconciler#plan} or as a wrong count in the log.
 */
class RecordInvariantsTest {

    private static final List<ProviderShare> FARGATE = List.of(new ProviderShare(CapacityProvider.FARGATE, 0, 1));
    private static final ScaleDown DRAIN = new ScaleDown(ScaleDownMode.DRAIN, Duration.ZERO);

    private static ScalingPolicy policy(Sizing sizing, int min, int max, List<ProviderShare> providers) {
        return new ScalingPolicy("p", false, sizing, min, max, 0, true, false, 2, providers, true, DRAIN);
    }

    static Stream<Arguments> violations() {
        return Stream.of(
                // what is wrong                                    building it
                row("targetMessagesPerTask 0 (a division by zero)", () -> new Sizing.ByMessages(0)),
                row("minTasks above maxTasks", () -> policy(new Sizing.ByMessages(10), 5, 2, FARGATE)),
                row("maxTasks 0", () -> policy(new Sizing.ByMessages(10), 0, 0, FARGATE)),
                row("no capacity provider", () -> policy(new Sizing.ByMessages(10), 0, 2, List.of())),
                row(
                        "a provider listed twice",
                        () -> policy(
                                new Sizing.ByMessages(10),
                                0,
                                2,
                                List.of(
                                        new ProviderShare(CapacityProvider.FARGATE, 0, 1),
                                        new ProviderShare(CapacityProvider.FARGATE, 0, 3)))),
                row(
                        "a null name",
                        () -> new ScalingPolicy(
                                null, false, new Sizing.ByMessages(10), 0, 2, 0, true, false, 2, FARGATE, true, DRAIN)),
                row("a negative weight", () -> new ProviderShare(CapacityProvider.FARGATE_SPOT, 0, -1)),
                row("a negative base", () -> new ProviderShare(CapacityProvider.FARGATE, -1, 1)),
                row("a utilization of 0 %", () -> new Sizing.ByWork(Duration.ofMinutes(5), 0, 1, Duration.ZERO)),
                row("a drain time of 0", () -> new Sizing.ByWork(Duration.ZERO, 80, 1, Duration.ZERO)),
                row("maxStopsPerHour 0", () -> new ScaleDown(ScaleDownMode.STOP_EXCESS, Duration.ZERO, 0)),
                row("a slice of 0 tasks", () -> new Slice(CapacityProvider.FARGATE, 0)),
                row("a launch of nothing", () -> new Action.Launch(List.of())),
                row("a stop with a reason missing", () -> new Action.Stop(List.of("t1", "t2"), List.of("surplus"))),
                row("a negative queue count", () -> QueueSnapshot.of(-1, 0, 0)),
                row(
                        "a negative desired count",
                        () -> new Plan(0, 0, -1, Action.HOLD, Reason.NOTHING_TO_DO, "", History.EMPTY)),
                row("a plan without an action", () -> new Plan(0, 0, 0, null, Reason.NOTHING_TO_DO, "", History.EMPTY)),
                row(
                        "a task without an id",
                        () -> ObservedTask.of(null, TaskState.RUNNING, CapacityProvider.FARGATE, Instant.EPOCH)),
                row("an observation without a queue", () -> new Observation(null, List.of())));
    }

    static Arguments row(String what, Executable build) {
        return Arguments.of(what, build);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void aRecordThatWouldCrashOrMisleadLaterCannotBeMade(String what, Executable build) {
        assertThatThrownBy(build::execute)
                .as(what)
                .isInstanceOfAny(IllegalArgumentException.class, NullPointerException.class);
    }

    @Test
    void aValidPolicyBuiltInCodePlans() {
        ScalingPolicy p = policy(new Sizing.ByMessages(10), 0, 2, FARGATE);
        assertThatCode(() -> Reconciler.plan(new Observation(QueueSnapshot.of(15, 0, 0), List.of()), p, Instant.EPOCH))
                .doesNotThrowAnyException();
        assertThat(Reconciler.plan(new Observation(QueueSnapshot.of(15, 0, 0), List.of()), p, Instant.EPOCH)
                        .desired())
                .isEqualTo(2);
        assertThat(new Plan(0, 0, 0, Action.HOLD, Reason.NOTHING_TO_DO, "", History.EMPTY).estimate())
                .isEqualTo(Optional.empty());
    }
}
