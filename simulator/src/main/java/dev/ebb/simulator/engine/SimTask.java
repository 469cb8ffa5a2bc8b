package dev.ebb.simulator.engine;

import dev.ebb.controller.policy.CapacityProvider;
import java.util.ArrayList;
import java.util.List;

/** One worker task: its ECS life (pending → running → stopped) and the worker's permits. */
final class SimTask {

    enum State {
        PENDING,
        RUNNING,
        STOPPED
    }

    final int number;
    final String id;
    final CapacityProvider provider;
    final long launchedAt;
    final int permits;
    State state = State.PENDING;
    /** When the worker started polling (ECS startedAt), once RUNNING. */
    long runningAt;
    /** Messages this task finished. */
    long processed;
    /** Messages held right now. */
    long inFlight;

    final List<Batch> batches = new ArrayList<>(4);
    /** Last receive or finish, for the idle-exit rule. */
    long lastActivity;
    /** Since when a running task has held nothing (valid while inFlight == 0). */
    long idleSince;

    boolean idleCheckPending;
    /** In the hungry queue of the fleet (running, receiving, a permit free). */
    boolean hungry;
    /** Told to stop (Spot notice or StopTask): receives nothing more and is no longer listed by ECS as desired RUNNING. */
    boolean stopping;

    SimTask(int number, CapacityProvider provider, long launchedAt, int permits) {
        this.number = number;
        this.id = "arn:aws:ecs:sim:task/ebb/" + number;
        this.provider = provider;
        this.launchedAt = launchedAt;
        this.permits = permits;
    }

    long freePermits() {
        return permits - inFlight;
    }

    boolean receiving() {
        return state == State.RUNNING && !stopping;
    }
}
