package dev.ebb.local.platform;

/** What the local platform tells the rest of a run about its tasks, from their processes and JSON lines. */
public interface TaskListener {

    default void launched(WorkerTask task) {}

    default void running(WorkerTask task) {}

    default void exited(WorkerTask task) {}

    /** A worker wrote a processed record for this source key. */
    default void processed(String key) {}

    /** A worker dead-lettered a message with a failed record for this key. */
    default void failed(String key, String reason) {}

    /** A worker's work report: messages finished and busy task-seconds since its previous report. */
    default void worked(WorkerTask task, long processed, double busySeconds) {}

    TaskListener NONE = new TaskListener() {};

    /** Tells {@code first}, then {@code second}, of everything. */
    static TaskListener both(TaskListener first, TaskListener second) {
        return new TaskListener() {
            @Override
            public void launched(WorkerTask task) {
                first.launched(task);
                second.launched(task);
            }

            @Override
            public void running(WorkerTask task) {
                first.running(task);
                second.running(task);
            }

            @Override
            public void exited(WorkerTask task) {
                first.exited(task);
                second.exited(task);
            }

            @Override
            public void processed(String key) {
                first.processed(key);
                second.processed(key);
            }

            @Override
            public void failed(String key, String reason) {
                first.failed(key, reason);
                second.failed(key, reason);
            }

            @Override
            public void worked(WorkerTask task, long processed, double busySeconds) {
                first.worked(task, processed, busySeconds);
                second.worked(task, processed, busySeconds);
            }
        };
    }
}
