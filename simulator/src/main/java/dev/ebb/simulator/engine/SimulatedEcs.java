package dev.ebb.simulator.engine;

import dev.ebb.controller.policy.CapacityProvider;
import dev.ebb.controller.port.LaunchFailure;
import dev.ebb.controller.port.LaunchResult;
import dev.ebb.controller.port.TaskFleet;
import dev.ebb.controller.reconcile.Busy;
import dev.ebb.controller.reconcile.ObservedTask;
import dev.ebb.controller.reconcile.TaskState;
import dev.ebb.simulator.model.ModelParameters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ECS as the controller's {@link TaskFleet} port sees it, over the simulated fleet, so that the
 * controller's own {@code PlanExecutor} acts on the simulation: its Spot fallback and its stop
 * reasons run unchanged. RunTask calls are counted the way {@code EcsTaskFleet} makes them (one per
 * provider and per 10 tasks); a launch on FARGATE_SPOT within a shortage window is refused the way
 * ECS refuses it, one {@code failures[]} entry per task.
 */
final class SimulatedEcs implements TaskFleet {

    /** Simulated time 0; the reconciler wants instants. */
    static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    /** What ECS says in failures[].reason when Fargate Spot has no capacity. */
    static final String SPOT_SHORTAGE =
            "Capacity is unavailable at this time. Please try again later or in a different availability zone";

    private final ModelParameters p;
    private final Fleet fleet;
    private long now;

    long runTaskCalls;

    SimulatedEcs(ModelParameters p, Fleet fleet) {
        this.p = p;
        this.fleet = fleet;
    }

    /** The simulated clock for the calls that follow. */
    void at(long millis) {
        now = millis;
    }

    @Override
    public List<ObservedTask> list() {
        List<ObservedTask> tasks = new ArrayList<>(fleet.alive.size());
        for (SimTask t : fleet.alive) {
            if (t.stopping) {
                continue; // ECS lists tasks whose desired status is RUNNING; a stopping task's is STOPPED
            }
            boolean running = t.state == SimTask.State.RUNNING;
            tasks.add(new ObservedTask(
                    t.id,
                    running ? TaskState.RUNNING : TaskState.PENDING,
                    Optional.of(t.provider),
                    EPOCH.plusMillis(t.launchedAt),
                    Busy.UNKNOWN,
                    running ? Optional.of(EPOCH.plusMillis(t.runningAt)) : Optional.empty()));
        }
        return tasks;
    }

    @Override
    public LaunchResult launch(CapacityProvider provider, int count, String idempotencyKey) {
        runTaskCalls += TaskFleet.runTaskCalls(count);
        if (provider.isSpot() && p.spotShortageAt(now)) {
            List<LaunchFailure> refused = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                refused.add(new LaunchFailure(provider.name(), SPOT_SHORTAGE, "simulated Spot shortage"));
            }
            return new LaunchResult(List.of(), refused);
        }
        return new LaunchResult(fleet.launch(provider, count, now), List.of());
    }

    @Override
    public void stop(String taskId, String reason) {
        SimTask t = fleet.byId(taskId);
        if (t != null) {
            fleet.terminate(t, now, now + p.stopTimeoutMillis());
        }
    }
}
