package dev.ebb.local.platform;

import dev.ebb.controller.policy.CapacityProvider;
import dev.ebb.controller.port.LaunchFailure;
import dev.ebb.controller.port.LaunchResult;
import dev.ebb.controller.port.TaskFleet;
import dev.ebb.controller.reconcile.Busy;
import dev.ebb.controller.reconcile.ObservedTask;
import dev.ebb.controller.reconcile.TaskState;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The controller's {@link TaskFleet} on this machine: a task is a worker process. The controller
 * code is the one the Lambda runs; only this adapter differs from {@code EcsTaskFleet}. Both
 * capacity providers launch the same kind of process (the provider is kept for the controller's
 * split); nothing here interrupts Spot tasks.
 */
public final class ProcessTaskFleet implements TaskFleet, AutoCloseable {

    private final WorkerLauncher launcher;
    private final TaskListener listener;
    private final WorkReports reports;
    private final List<WorkerTask> tasks = new CopyOnWriteArrayList<>();
    /** Set by {@link #shutdown}; guarded by this, as launches are. */
    private boolean shuttingDown;

    private final Map<String, List<String>> launchesByKey = new HashMap<>();
    private int sequence;

    public ProcessTaskFleet(WorkerLauncher launcher, TaskListener listener) {
        this(launcher, listener, WorkReports.NONE);
    }

    public ProcessTaskFleet(WorkerLauncher launcher, TaskListener listener, WorkReports reports) {
        this.launcher = launcher;
        this.listener = listener;
        this.reports = reports;
    }

    @Override
    public List<ObservedTask> list() {
        return tasks.stream()
                .filter(WorkerTask::isAlive)
                .map(t -> new ObservedTask(
                        t.id(),
                        stateOf(t.state()),
                        Optional.of(t.provider()),
                        t.createdAt(),
                        Busy.UNKNOWN,
                        t.startedAt()))
                .toList();
    }

    static TaskState stateOf(WorkerTask.State s) {
        return switch (s) {
            case STARTING -> TaskState.PENDING;
            case RUNNING -> TaskState.RUNNING;
            case STOPPING -> TaskState.DEACTIVATING;
            case EXITED -> TaskState.STOPPED;
        };
    }

    /** Like RunTask with a clientToken: a key seen before starts nothing and answers what it started then. */
    @Override
    public synchronized LaunchResult launch(CapacityProvider provider, int count, String idempotencyKey) {
        if (shuttingDown) {
            // the run loop may still be ticking while the run ends: a task started now would outlive it
            return new LaunchResult(
                    List.of(),
                    List.of(new LaunchFailure(
                            provider.name(), "the run is ending", "no worker is started once it shuts down")));
        }
        List<String> earlier = launchesByKey.get(idempotencyKey);
        if (earlier != null) {
            return new LaunchResult(earlier, List.of());
        }
        List<String> started = new ArrayList<>();
        List<LaunchFailure> failures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sequence++;
            String id = "task-" + sequence;
            try {
                WorkerTask t = WorkerTask.start(id, provider, launcher, listener, reports);
                tasks.add(t);
                started.add(id);
                listener.launched(t);
            } catch (IOException e) {
                failures.add(new LaunchFailure(provider.name(), "could not start a worker process", e.getMessage()));
            }
        }
        launchesByKey.put(idempotencyKey, List.copyOf(started));
        return new LaunchResult(started, failures);
    }

    /** Like StopTask: SIGTERM, after which the worker drains within its grace period. */
    @Override
    public void stop(String taskId, String reason) {
        tasks.stream()
                .filter(t -> t.id().equals(taskId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no task " + taskId))
                .terminate();
    }

    /** Every task this run started, alive or not, in launch order. */
    public List<WorkerTask> all() {
        return List.copyOf(tasks);
    }

    public java.nio.file.Path logs() {
        return launcher.logs();
    }

    public long alive() {
        return tasks.stream().filter(WorkerTask::isAlive).count();
    }

    /**
     * SIGTERM to every live worker, up to {@code grace} for them to drain, then SIGKILL: no worker
     * outlives the run, whatever ended it.
     */
    public void shutdown(Duration grace) {
        List<WorkerTask> all;
        synchronized (this) { // no launch runs now, and none starts after this
            shuttingDown = true;
            all = List.copyOf(tasks);
        }
        all.forEach(WorkerTask::terminate);
        long deadline = System.nanoTime() + grace.toNanos();
        for (WorkerTask t : all) {
            long left = deadline - System.nanoTime();
            try {
                if (left <= 0 || !t.process().waitFor(left, TimeUnit.NANOSECONDS)) {
                    t.kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                t.kill();
            }
        }
        for (WorkerTask t : all) {
            try {
                t.process().waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        shutdown(Duration.ofSeconds(10));
    }
}
