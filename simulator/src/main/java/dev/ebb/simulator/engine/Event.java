package dev.ebb.simulator.engine;

/** Something that happens at a simulated time; ties are broken by scheduling order, so runs are repeatable. */
final class Event implements Comparable<Event> {

    enum Kind {
        /** The next cohort of the arrivals lands on the queue ({@code index}). */
        ARRIVAL,
        /** Delayed messages ({@code count}, arrived at {@code arrivedAt}) become visible. */
        DELAY_OVER,
        /** Messages of a task that died come back after the visibility timeout. */
        VISIBILITY_TIMEOUT,
        TASK_RUNNING,
        BATCH_DONE,
        IDLE_CHECK,
        SPOT_NOTICE,
        GRACE_OVER,
        KILL,
        TICK,
        SAMPLE
    }

    final long time;
    final long seq;
    final Kind kind;
    SimTask task;
    Batch batch;
    int index;
    long arrivedAt;
    long count;

    Event(long time, long seq, Kind kind) {
        this.time = time;
        this.seq = seq;
        this.kind = kind;
    }

    @Override
    public int compareTo(Event o) {
        int c = Long.compare(time, o.time);
        return c != 0 ? c : Long.compare(seq, o.seq);
    }
}
