package dev.ebb.controller.act;

import dev.ebb.controller.policy.CapacityProvider;
import dev.ebb.controller.policy.ScalingPolicy;
import dev.ebb.controller.port.LaunchFailure;
import dev.ebb.controller.port.LaunchResult;
import dev.ebb.controller.port.TaskFleet;
import dev.ebb.controller.reconcile.Action;
import dev.ebb.controller.reconcile.Slice;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Carries out a plan on the fleet. The only judgement made here is the one the plan cannot make in
 * advance: when Spot refuses capacity, relaunch the shortfall on FARGATE if the policy allows.
 * Everything else failing is reported in the outcome, and the next cycle — which observes the
 * world again — makes up for it.
 */
public final class PlanExecutor {

    private final TaskFleet fleet;
    /** Idempotency key for a step of this cycle ("FARGATE_SPOT", "FARGATE", "fallback"). */
    private final Function<String, String> keyForStep;

    public PlanExecutor(TaskFleet fleet, Function<String, String> keyForStep) {
        this.fleet = fleet;
        this.keyForStep = keyForStep;
    }

    public PlanOutcome execute(Action action, ScalingPolicy policy) {
        return switch (action) {
            case Action.Hold h -> PlanOutcome.NOTHING;
            case Action.Launch launch -> launch(launch.slices(), policy);
            case Action.Stop stop -> stop(stop);
        };
    }

    private PlanOutcome launch(List<Slice> slices, ScalingPolicy policy) {
        List<String> launched = new ArrayList<>();
        List<LaunchFailure> failures = new ArrayList<>();
        int spotShortfall = 0;
        for (Slice slice : slices) {
            LaunchResult r = fleet.launch(
                    slice.provider(),
                    slice.count(),
                    keyForStep.apply(slice.provider().name()));
            launched.addAll(r.started());
            failures.addAll(r.failures());
            if (slice.provider().isSpot()) {
                long shortages = r.failures().stream()
                        .filter(LaunchFailure::isCapacityShortage)
                        .count();
                spotShortfall +=
                        (int) Math.min(shortages, slice.count() - r.started().size());
            }
        }
        int fallback = 0;
        if (spotShortfall > 0 && policy.spotFallback()) {
            LaunchResult r = fleet.launch(CapacityProvider.FARGATE, spotShortfall, keyForStep.apply("fallback"));
            launched.addAll(r.started());
            failures.addAll(r.failures());
            fallback = r.started().size();
        }
        return new PlanOutcome(launched, failures, fallback, List.of());
    }

    private PlanOutcome stop(Action.Stop stop) {
        List<String> stopped = new ArrayList<>();
        List<LaunchFailure> failures = new ArrayList<>();
        for (int i = 0; i < stop.taskIds().size(); i++) {
            String id = stop.taskIds().get(i);
            try {
                // ECS shows this as the task's stoppedReason (at most 255 characters).
                String reason =
                        "ebb controller: surplus task, " + stop.reasons().get(i) + " (scaleDown stop-excess)";
                fleet.stop(id, reason.length() > 255 ? reason.substring(0, 255) : reason);
                stopped.add(id);
            } catch (RuntimeException e) {
                // One task failing to stop must not keep the others running; the next cycle retries.
                failures.add(new LaunchFailure("", "StopTask failed for " + id, e.getMessage()));
            }
        }
        return new PlanOutcome(List.of(), failures, 0, stopped);
    }
}
