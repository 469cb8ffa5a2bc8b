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

    TaskListener NONE = new TaskListener() {};
}
