package dev.ebb.simulator.engine;

import dev.ebb.controller.policy.CapacityProvider;
import dev.ebb.controller.policy.ScalingPolicy;
import dev.ebb.controller.reconcile.Action;
import dev.ebb.controller.reconcile.Busy;
import dev.ebb.controller.reconcile.History;
import dev.ebb.controller.reconcile.Observation;
import dev.ebb.controller.reconcile.ObservedTask;
import dev.ebb.controller.reconcile.Plan;
import dev.ebb.controller.reconcile.QueueSnapshot;
import dev.ebb.controller.reconcile.Reason;
import dev.ebb.controller.reconcile.Reconciler;
import dev.ebb.controller.reconcile.Slice;
import dev.ebb.controller.reconcile.TaskState;
import dev.ebb.simulator.model.ModelParameters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One controller cycle, as the Lambda runs it: observe the simulated queue and fleet, call the
 * controller's own {@link Reconciler#plan}, and act the way {@code PlanExecutor} and
 * {@code EcsTaskFleet} do (RunTask per provider in chunks of 10, Spot shortfall relaunched on FARGATE
 * when the policy allows, StopTask per surplus task).
 */
final class ControlLoop {

    /** RunTask starts at most 10 tasks per call. */
    static final int RUN_TASK_MAX = 10;
    /** Simulated time 0; the reconciler wants instants. */
    static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    private final ScalingPolicy policy;
    private final ModelParameters p;
    private final SimQueue queue;
    private final Fleet fleet;
    private History history = History.EMPTY;

    long ticks;
    long runTaskCalls;
    long launchFailures;
    long spotFallbacks;
    long stopped;
    final Map<Reason, Long> reasons = new EnumMap<>(Reason.class);

    ControlLoop(ScalingPolicy policy, ModelParameters p, SimQueue queue, Fleet fleet) {
        this.policy = policy;
        this.p = p;
        this.queue = queue;
        this.fleet = fleet;
    }

    Plan tick(long now) {
        ticks++;
        Plan plan = Reconciler.plan(observe(), policy, EPOCH.plusMillis(now));
        history = plan.history();
        reasons.merge(plan.reason(), 1L, Long::sum);
        switch (plan.action()) {
            case Action.Hold h -> { }
            case Action.Launch l -> launch(l.slices(), now);
            case Action.Stop s -> stop(s.taskIds(), now);
        }
        return plan;
    }

    private Observation observe() {
        List<ObservedTask> tasks = new ArrayList<>(fleet.alive.size());
        for (SimTask t : fleet.alive) {
            if (t.stopping) {
                continue; // ECS lists tasks whose desired status is RUNNING; a stopping task's is STOPPED
            }
            TaskState state = t.state == SimTask.State.RUNNING ? TaskState.RUNNING : TaskState.PENDING;
            tasks.add(new ObservedTask(t.id, state, Optional.of(t.provider), EPOCH.plusMillis(t.launchedAt), Busy.UNKNOWN));
        }
        return new Observation(QueueSnapshot.of(queue.visible(), queue.inFlight, queue.delayed), tasks, history);
    }

    private void launch(List<Slice> slices, long now) {
        int spotShortfall = 0;
        for (Slice s : slices) {
            runTaskCalls += calls(s.count());
            if (s.provider().isSpot() && p.spotShortageAt(now)) {
                launchFailures += s.count();
                spotShortfall += s.count();
            } else {
                fleet.launch(s.provider(), s.count(), now);
            }
        }
        if (spotShortfall > 0 && policy.spotFallback()) {
            runTaskCalls += calls(spotShortfall);
            fleet.launch(CapacityProvider.FARGATE, spotShortfall, now);
            spotFallbacks += spotShortfall;
        }
    }

    private void stop(List<String> taskIds, long now) {
        for (SimTask t : List.copyOf(fleet.alive)) {
            if (taskIds.contains(t.id)) {
                stopped++;
                fleet.terminate(t, now, now + p.stopTimeoutMillis());
            }
        }
    }

    static long calls(int tasks) {
        return (tasks + RUN_TASK_MAX - 1) / RUN_TASK_MAX;
    }
}
