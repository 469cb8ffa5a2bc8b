package dev.ebb.controller.act;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.controller.policy.CapacityProvider;
import dev.ebb.controller.policy.PolicyParser;
import dev.ebb.controller.policy.PolicyResult;
import dev.ebb.controller.policy.ScalingPolicy;
import dev.ebb.controller.port.LaunchFailure;
import dev.ebb.controller.port.LaunchResult;
import dev.ebb.controller.port.TaskFleet;
import dev.ebb.controller.reconcile.Action;
import dev.ebb.controller.reconcile.ObservedTask;
import dev.ebb.controller.reconcile.Slice;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Uses an in-memory fleet on purpose: a Fargate Spot capacity shortage and a failing StopTask are
 * faults no emulator here produces (moto always starts every task). The real adapter's parsing of
 * {@code failures[]} is covered in EcsTaskFleetStubIT.
 */
class PlanExecutorTest {

    private static final String SHORTAGE =
            "Capacity is unavailable at this time. Please try again later or in a different availability zone";

    /** Starts tasks unless the provider is out of capacity; records every call. */
    static class ScriptedFleet implements TaskFleet {
        final List<String> calls = new ArrayList<>();
        int spotCapacity = Integer.MAX_VALUE;
        Set<String> failingStops = Set.of();
        private int next;

        @Override
        public List<ObservedTask> list() {
            return List.of();
        }

        @Override
        public LaunchResult launch(CapacityProvider provider, int count, String key) {
            calls.add("launch " + provider + " " + count + " key=" + key);
            int ok = provider.isSpot() ? Math.min(count, spotCapacity) : count;
            List<String> started = IntStream.range(0, ok)
                    .mapToObj(i -> provider + "-" + next++)
                    .toList();
            List<LaunchFailure> failures = IntStream.range(ok, count)
                    .mapToObj(i -> new LaunchFailure(provider.name(), SHORTAGE, null))
                    .toList();
            return new LaunchResult(started, failures);
        }

        @Override
        public void stop(String taskId, String reason) {
            calls.add("stop " + taskId);
            if (failingStops.contains(taskId)) {
                throw new IllegalStateException("boom");
            }
        }
    }

    private final ScriptedFleet fleet = new ScriptedFleet();
    private final PlanExecutor executor = new PlanExecutor(fleet, step -> "k-" + step);

    @Test
    void launchesEachSliceWithItsOwnKey() {
        PlanOutcome o = executor.execute(launch(2, 1), policy(true));

        assertThat(fleet.calls)
                .containsExactly("launch FARGATE_SPOT 2 key=k-FARGATE_SPOT", "launch FARGATE 1 key=k-FARGATE");
        assertThat(o.launched()).hasSize(3);
        assertThat(o.failures()).isEmpty();
        assertThat(o.fallbackLaunched()).isZero();
    }

    @Test
    void spotShortageFallsBackToFargateWhenAllowed() {
        fleet.spotCapacity = 1;

        PlanOutcome o = executor.execute(launch(4, 1), policy(true));

        assertThat(fleet.calls)
                .containsExactly(
                        "launch FARGATE_SPOT 4 key=k-FARGATE_SPOT",
                        "launch FARGATE 1 key=k-FARGATE",
                        "launch FARGATE 3 key=k-fallback");
        assertThat(o.launched()).hasSize(5);
        assertThat(o.fallbackLaunched()).isEqualTo(3);
        assertThat(o.failures()).hasSize(3).allMatch(LaunchFailure::isCapacityShortage);
    }

    @Test
    void spotShortageIsOnlyReportedWhenFallbackIsOff() {
        fleet.spotCapacity = 0;

        PlanOutcome o = executor.execute(launch(3, 0), policy(false));

        assertThat(fleet.calls).containsExactly("launch FARGATE_SPOT 3 key=k-FARGATE_SPOT");
        assertThat(o.launched()).isEmpty();
        assertThat(o.failures()).hasSize(3);
        assertThat(o.fallbackLaunched()).isZero();
    }

    @Test
    void otherFailuresAreNotRelaunchedOnFargate() {
        TaskFleet refusing = new ScriptedFleet() {
            @Override
            public LaunchResult launch(CapacityProvider provider, int count, String key) {
                calls.add("launch " + provider + " " + count);
                return new LaunchResult(
                        List.of(), List.of(new LaunchFailure(provider.name(), "MISSING", "subnet not found")));
            }
        };

        PlanOutcome o = new PlanExecutor(refusing, s -> s).execute(launch(2, 0), policy(true));

        assertThat(((ScriptedFleet) refusing).calls).containsExactly("launch FARGATE_SPOT 2");
        assertThat(o.failures()).extracting(LaunchFailure::reason).containsExactly("MISSING");
    }

    @Test
    void stopsEachTaskEvenIfOneFails() {
        fleet.failingStops = Set.of("b");

        PlanOutcome o = executor.execute(new Action.Stop(List.of("a", "b", "c")), policy(true));

        assertThat(fleet.calls).containsExactly("stop a", "stop b", "stop c");
        assertThat(o.stopped()).containsExactly("a", "c");
        assertThat(o.failures())
                .singleElement()
                .extracting(LaunchFailure::reason)
                .isEqualTo("StopTask failed for b");
    }

    @Test
    void holdTouchesNothing() {
        assertThat(executor.execute(Action.HOLD, policy(true))).isEqualTo(PlanOutcome.NOTHING);
        assertThat(fleet.calls).isEmpty();
    }

    private static Action.Launch launch(int spot, int fargate) {
        List<Slice> slices = new ArrayList<>();
        if (spot > 0) {
            slices.add(new Slice(CapacityProvider.FARGATE_SPOT, spot));
        }
        if (fargate > 0) {
            slices.add(new Slice(CapacityProvider.FARGATE, fargate));
        }
        return new Action.Launch(slices);
    }

    private static ScalingPolicy policy(boolean spotFallback) {
        String yaml = """
                apiVersion: ebb.dev/v1
                kind: ScalingPolicy
                metadata: {name: t}
                spec: {targetMessagesPerTask: 1, maxTasks: 10, spotFallback: %s,
                       capacityProviders: [{name: FARGATE_SPOT, weight: 1}, {name: FARGATE, weight: 1}]}
                """.formatted(spotFallback);
        return ((PolicyResult.Valid) PolicyParser.parse(yaml, "t")).policy();
    }
}
