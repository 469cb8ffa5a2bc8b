package dev.ebb.controller.reconcile;

import dev.ebb.controller.policy.CapacityProvider;
import dev.ebb.controller.policy.ScaleDownMode;
import dev.ebb.controller.policy.ScalingPolicy;
import dev.ebb.controller.policy.Sizing;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        Optional<Estimate> estimate = Optional.empty();
        double needed;
        long raw;
        switch (policy.sizing()) {
            case Sizing.ByMessages m -> {
                raw = Formula.raw(backlog, m.targetMessagesPerTask(), policy.activationMessages(), active.size());
                needed = raw;
            }
            case Sizing.ByWork w -> {
                Estimate e =
                        Estimate.of(observation.load(), backlog, observation.tasks(), observation.history(), w, now);
                estimate = Optional.of(e);
                needed = WorkFormula.tasksNeeded(backlog, e, w);
                raw = WorkFormula.raw(needed, backlog, policy.activationMessages(), active.size());
            }
        }
        int desired = Formula.clamp(raw, policy);
        Duration window = policy.scaleDown().stabilizationWindow();
        History history = observation.history().record(now, desired, window).withBacklog(now, backlog);
        if (estimate.isPresent() && estimate.get().startLatencyBasis() == Estimate.Basis.OBSERVED) {
            // Remembered for cycles when no task is left to show one.
            history = history.withStartLatency(estimate.get().startLatency());
        }
        Figures d = new Figures(backlog, active.size(), desired, needed, history, estimate);

        if (policy.paused()) {
            return d.hold(
                    Reason.PAUSED, "the policy is paused; %d active, %d desired".formatted(active.size(), desired));
        }
        int need = desired - active.size();
        if (need > 0) {
            return launch(d, policy, active, need, raw, now);
        }
        if (need < 0) {
            return scaleDown(d, observation, policy, active, now);
        }
        if (active.isEmpty() && backlog > 0 && raw == 0) {
            return d.hold(
                    Reason.BELOW_ACTIVATION,
                    "backlog %d is below activationMessages %d; staying at zero"
                            .formatted(backlog, policy.activationMessages()));
        }
        if (raw > policy.maxTasks()) {
            return d.hold(
                    Reason.AT_MAX,
                    "backlog %d would need %d tasks; already at maxTasks %d"
                            .formatted(backlog, raw, policy.maxTasks()));
        }
        return d.hold(
                Reason.NOTHING_TO_DO,
                "%d active = %d desired for backlog %d".formatted(active.size(), desired, backlog));
    }

    private static Plan launch(
            Figures d, ScalingPolicy policy, List<ObservedTask> active, int need, long raw, Instant now) {
        int count = Math.min(need, policy.maxLaunchesPerCycle());
        if (policy.sizing() instanceof Sizing.ByWork w
                && d.estimate.isPresent()
                && !WorkFormula.launchWouldFindWork(d.backlog, d.estimate.get(), w, active, now)) {
            int floor = policy.minTasks() - active.size();
            if (floor <= 0) {
                return d.hold(
                        Reason.DRAINS_BEFORE_START,
                        "%d active tasks work off backlog %d before a task launched now would"
                                        .formatted(d.active, d.backlog)
                                + " start (~%ds); %d desired"
                                        .formatted(
                                                d.estimate.get().startLatency().toSeconds(), d.desired));
            }
            count = Math.min(count, floor); // minTasks is a floor whatever the backlog
            need = floor;
        }
        String limit = "maxLaunchesPerCycle %d".formatted(policy.maxLaunchesPerCycle());
        if (d.estimate.isPresent() && d.estimate.get().throughputBasis() == Estimate.Basis.ASSUMED) {
            int ceiling = Math.max(WorkFormula.unmeasuredCeiling(d.desired, active.size()), policy.minTasks());
            if (ceiling - active.size() < count) {
                count = Math.max(0, ceiling - active.size());
                limit = "no throughput measured yet: half the desired count first, then at most doubling each tick";
            }
        }
        Map<CapacityProvider, Integer> byProvider = new EnumMap<>(CapacityProvider.class);
        for (ObservedTask t : active) {
            t.provider().ifPresent(p -> byProvider.merge(p, 1, Integer::sum));
        }
        List<Slice> slices = ProviderSplit.split(policy.capacityProviders(), byProvider, count);
        String capped = raw > policy.maxTasks() ? " (capped at maxTasks %d)".formatted(policy.maxTasks()) : "";
        if (count < need) {
            return d.act(
                    new Action.Launch(slices),
                    Reason.LAUNCH_LIMITED,
                    "launch %d of the %d missing tasks (%s); %d active, %d desired%s"
                            .formatted(count, need, limit, d.active, d.desired, capped));
        }
        return d.act(
                new Action.Launch(slices),
                Reason.LAUNCH,
                "launch %d: %d active, %d desired for backlog %d%s"
                        .formatted(count, d.active, d.desired, d.backlog, capped));
    }

    private static Plan scaleDown(
            Figures d, Observation o, ScalingPolicy policy, List<ObservedTask> active, Instant now) {
        if (policy.scaleDown().mode() == ScaleDownMode.DRAIN) {
            return d.hold(
                    Reason.DRAINING,
                    "%d active > %d desired; workers exit by themselves when the queue is empty"
                            .formatted(d.active, d.desired));
        }
        Duration window = policy.scaleDown().stabilizationWindow();
        // Judge coverage on the history from before this cycle: this cycle's own sample proves nothing.
        if (!o.history().covers(now, window)) {
            return d.hold(
                    Reason.STABILIZING,
                    "%d active > %d desired, but only %ds of the %ds stabilization window observed"
                            .formatted(
                                    d.active, d.desired, o.history().span(now).toSeconds(), window.toSeconds()));
        }
        int stabilized = o.history().maxWithin(now, window, d.desired);
        int keep = stabilized;
        boolean byWork = policy.sizing() instanceof Sizing.ByWork;
        if (byWork) {
            keep = (int) Math.min(policy.maxTasks(), Math.max(stabilized, WorkFormula.keepForTolerance(d.needed)));
        }
        int excess = d.active - keep;
        if (excess <= 0) {
            String because = keep > stabilized
                    ? "the work needs %.2f tasks and scale-in keeps %d%% headroom"
                            .formatted(d.needed, Math.round(WorkFormula.SCALE_IN_TOLERANCE * 100))
                    : "desired was %d within the last %ds".formatted(stabilized, window.toSeconds());
            return d.hold(Reason.STABILIZING, "%d active > %d desired, but %s".formatted(d.active, d.desired, because));
        }
        int budget = policy.scaleDown().maxStopsPerHour() - o.history().stopsWithinHour(now);
        if (budget <= 0) {
            return d.hold(
                    Reason.STOP_LIMITED,
                    "%d surplus tasks, but %d stops within the last hour reach maxStopsPerHour %d"
                            .formatted(
                                    excess,
                                    o.history().stopsWithinHour(now),
                                    policy.scaleDown().maxStopsPerHour()));
        }
        int allowed = Math.min(excess, budget);
        List<SurplusPicker.Pick> picks = byWork
                ? SurplusPicker.pickCheapest(active, allowed, policy.capacityProviders())
                : SurplusPicker.pickIdle(active, allowed, o.queue().inFlight());
        if (picks.isEmpty()) {
            return d.hold(
                    Reason.BUSY,
                    "%d surplus tasks, but %d in-flight messages may be held by any of them"
                            .formatted(excess, o.queue().inFlight()));
        }
        Action.Stop stop = new Action.Stop(
                picks.stream().map(SurplusPicker.Pick::id).toList(),
                picks.stream().map(SurplusPicker.Pick::why).toList());
        Figures after = d.withHistory(d.history.withStops(now, picks.size()));
        Reason reason = allowed < excess ? Reason.STOP_LIMITED : Reason.STOP_EXCESS;
        String bound = allowed < excess
                ? " (maxStopsPerHour %d)".formatted(policy.scaleDown().maxStopsPerHour())
                : "";
        return after.act(
                stop,
                reason,
                "stop %d of %d surplus tasks%s: %d active, %d kept (stabilized over %ds)"
                        .formatted(picks.size(), excess, bound, d.active, keep, window.toSeconds()));
    }

    /** The numbers every plan carries, so each branch only says what and why. */
    private record Figures(
            long backlog, int active, int desired, double needed, History history, Optional<Estimate> estimate) {
        Plan hold(Reason reason, String why) {
            return act(Action.HOLD, reason, why);
        }

        /** Every work-sized sentence ends with the rates it was computed from. */
        Plan act(Action action, Reason reason, String why) {
            return new Plan(backlog, active, desired, action, reason, why + rates(), history, estimate);
        }

        Figures withHistory(History h) {
            return new Figures(backlog, active, desired, needed, h, estimate);
        }

        /** The rates behind a work-sized count, for the sentence; nothing when sized by message count. */
        String rates() {
            return estimate.map(e -> "; " + e.describe()).orElse("");
        }
    }
}
