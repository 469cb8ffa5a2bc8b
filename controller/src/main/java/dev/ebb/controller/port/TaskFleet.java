package dev.ebb.controller.port;

import dev.ebb.controller.policy.CapacityProvider;
import dev.ebb.controller.reconcile.ObservedTask;
import java.util.List;

/** What the controller needs from ECS: the tasks it started, and starting and stopping more. */
public interface TaskFleet {

    /** ECS's limit of tasks per RunTask call: a launch of more is made in calls of at most this many. */
    int RUN_TASK_MAX = 10;

    /** How many RunTask calls a launch of {@code tasks} tasks on one provider makes. */
    static int runTaskCalls(int tasks) {
        return (tasks + RUN_TASK_MAX - 1) / RUN_TASK_MAX;
    }

    /** Every task this controller started (by startedBy) whose desired status is RUNNING, all pages. */
    List<ObservedTask> list();

    /**
     * Starts {@code count} tasks on one capacity provider. Calls with the same {@code idempotencyKey}
     * launch at most once (ECS clientToken), so a retried invocation never launches twice.
     */
    LaunchResult launch(CapacityProvider provider, int count, String idempotencyKey);

    void stop(String taskId, String reason);
}
