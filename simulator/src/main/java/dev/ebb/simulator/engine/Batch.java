package dev.ebb.simulator.engine;

/**
 * Messages of one arrival cohort that one task received together and works on together; the
 * aggregate unit that keeps a day of 10 million messages to about a million events.
 */
final class Batch {

    final SimTask task;
    final long arrivedAt;
    final long receivedAt;
    final long count;
    /** Taken back (the task died) before it finished; its BATCH_DONE event is then ignored. */
    boolean returned;

    Batch(SimTask task, long arrivedAt, long receivedAt, long count) {
        this.task = task;
        this.arrivedAt = arrivedAt;
        this.receivedAt = receivedAt;
        this.count = count;
    }
}
