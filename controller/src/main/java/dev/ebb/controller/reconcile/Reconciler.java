package dev.ebb.controller.reconcile;

import dev.ebb.controller.policy.CapacityProvider;
import dev.ebb.controller.policy.ScaleDownMode;
import dev.ebb.controller.policy.ScalingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The pure decision: {@code (observation, policy, now) → plan}. Level-based like a Kubernetes
 * controller: it reads the world as it is every cycle, so running it twice on the same observation
 * gives the same plan, and a plan lost to a crash is simply made again next cycle.
 */
public final class Reconciler {

    private Reconciler() {}

    public static Plan plan(Observation observation, ScalingPolicy policy, Instant now) {
        List<ObservedTask> active = observation.activeTasks();
        long backlog = Formula.backlog(observation.queue(), policy);
        long raw = Formula.raw(backlog, policy, active.size());
        int desired = Formula.clamp(raw, policy);
        Duration window = policy.scaleDown().stabilizationWindow();
        DesiredHistory history = observation.history().record(now, desired, window);
        Decision d = new Decision(backlog, active.size(), desired, history);

        if (policy.paused()) {
            return d.hold(Reason.PAUSED, "the policy is paused; %d active, %d desired".formatted(active.size(), desired));
        }
        int need = desired - active.size();
        if (need > 0) {
            return launch(d, policy, active, need, raw);
        }
        if (need < 0) {
            return scaleDown(d, observation, policy, active, now);
        }
        if (active.isEmpty() && backlog > 0 && raw == 0) {
            return d.hold(Reason.BELOW_ACTIVATION, "backlog %d is below activationMessages %d; staying at zero"
                    .formatted(backlog, policy.activationMessages()));
        }
        if (raw > policy.maxTasks()) {
            return d.hold(Reason.AT_MAX, "backlog %d would need %d tasks; already at maxTasks %d"
                    .formatted(backlog, raw, policy.maxTasks()));
        }
        return d.hold(Reason.NOTHING_TO_DO, "%d active = %d desired for backlog %d".formatted(active.size(), desired, backlog));
    }

    private static Plan launch(Decision d, ScalingPolicy policy, List<ObservedTask> active, int need, long raw) {
        int count = Math.min(need, policy.maxLaunchesPerCycle());
        Map<CapacityProvider, Integer> byProvider = new EnumMap<>(CapacityProvider.class);
        for (ObservedTask t : active) {
            t.provider().ifPresent(p -> byProvider.merge(p, 1, Integer::sum));
        }
        List<Slice> slices = ProviderSplit.split(policy.capacityProviders(), byProvider, count);
        String capped = raw > policy.maxTasks() ? " (capped at maxTasks %d)".formatted(policy.maxTasks()) : "";
        if (count < need) {
            return d.act(new Action.Launch(slices), Reason.LAUNCH_LIMITED,
                    "launch %d of the %d missing tasks (maxLaunchesPerCycle %d); %d active, %d desired%s"
                            .formatted(count, need, policy.maxLaunchesPerCycle(), d.active, d.desired, capped));
        }
        return d.act(new Action.Launch(slices), Reason.LAUNCH,
                "launch %d: %d active, %d desired for backlog %d%s".formatted(count, d.active, d.desired, d.backlog, capped));
    }

    private static Plan scaleDown(Decision d, Observation o, ScalingPolicy policy, List<ObservedTask> active, Instant now) {
        if (policy.scaleDown().mode() == ScaleDownMode.DRAIN) {
            return d.hold(Reason.DRAINING, "%d active > %d desired; workers exit by themselves when the queue is empty"
                    .formatted(d.active, d.desired));
        }
        Duration window = policy.scaleDown().stabilizationWindow();
        // Judge coverage on the history from before this cycle: this cycle's own sample proves nothing.
        if (!o.history().covers(now, window)) {
            return d.hold(Reason.STABILIZING, "%d active > %d desired, but only %ds of the %ds stabilization window observed"
                    .formatted(d.active, d.desired, o.history().span(now).toSeconds(), window.toSeconds()));
        }
        int stabilized = o.history().maxWithin(now, window, d.desired);
        int excess = d.active - stabilized;
        if (excess <= 0) {
            return d.hold(Reason.STABILIZING, "%d active > %d desired, but desired was %d within the last %ds"
                    .formatted(d.active, d.desired, stabilized, window.toSeconds()));
        }
        List<String> stop = SurplusPicker.pick(active, excess, o.queue().inFlight());
        if (stop.isEmpty()) {
            return d.hold(Reason.BUSY, "%d surplus tasks, but %d in-flight messages may be held by any of them"
                    .formatted(excess, o.queue().inFlight()));
        }
        return d.act(new Action.Stop(stop), Reason.STOP_EXCESS, "stop %d of %d surplus idle tasks: %d active, %d desired (stabilized over %ds)"
                .formatted(stop.size(), excess, d.active, stabilized, window.toSeconds()));
    }

    /** The numbers every plan carries, so each branch only says what and why. */
    private record Decision(long backlog, int active, int desired, DesiredHistory history) {
        Plan hold(Reason reason, String why) {
            return new Plan(backlog, active, desired, Action.HOLD, reason, why, history);
        }

        Plan act(Action action, Reason reason, String why) {
            return new Plan(backlog, active, desired, action, reason, why, history);
        }
    }
}
