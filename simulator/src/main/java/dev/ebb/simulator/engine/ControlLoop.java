package dev.ebb.simulator.engine;

import dev.ebb.controller.act.PlanExecutor;
import dev.ebb.controller.act.PlanOutcome;
import dev.ebb.controller.policy.ScalingPolicy;
import dev.ebb.controller.reconcile.History;
import dev.ebb.controller.reconcile.Observation;
import dev.ebb.controller.reconcile.Plan;
import dev.ebb.controller.reconcile.QueueSnapshot;
import dev.ebb.controller.reconcile.Reason;
import dev.ebb.controller.reconcile.Reconciler;
import java.util.EnumMap;
import java.util.Map;

/**
 * One controller cycle, as the Lambda runs it: observe the simulated queue, fleet (through the
 * {@code TaskFleet} port) and CloudWatch, call the controller's own {@link Reconciler#plan}, and
 * act with the controller's own {@link PlanExecutor}.
 */
final class ControlLoop {

    private final ScalingPolicy policy;
    private final SimQueue queue;
    private final SimulatedEcs ecs;
    private final LoadMeter load;
    private final PlanExecutor executor;
    private History history = History.EMPTY;

    long ticks;
    long launchFailures;
    long spotFallbacks;
    long stopped;
    final Map<Reason, Long> reasons = new EnumMap<>(Reason.class);

    ControlLoop(ScalingPolicy policy, SimQueue queue, SimulatedEcs ecs, LoadMeter load) {
        this.policy = policy;
        this.queue = queue;
        this.ecs = ecs;
        this.load = load;
        // like the Lambda's keys, unique per cycle and step, so no two launches share a clientToken
        this.executor = new PlanExecutor(ecs, step -> "tick-" + ticks + "-" + step);
    }

    Plan tick(long now) {
        ticks++;
        ecs.at(now);
        Observation observation = new Observation(
                QueueSnapshot.of(queue.visible(), queue.inFlight, queue.delayed),
                ecs.list(),
                history,
                load.measure(now));
        Plan plan = Reconciler.plan(observation, policy, SimulatedEcs.EPOCH.plusMillis(now));
        history = plan.history();
        reasons.merge(plan.reason(), 1L, Long::sum);
        PlanOutcome outcome = executor.execute(plan.action(), policy);
        launchFailures += outcome.failures().size();
        spotFallbacks += outcome.fallbackLaunched();
        stopped += outcome.stopped().size();
        return plan;
    }

    long runTaskCalls() {
        return ecs.runTaskCalls;
    }
}
