package dev.ebb.local.watch;

/**
 * Decides that a run is over: the queue holds nothing (visible, in flight or delayed), no worker is
 * alive (a worker that is not alive cannot move a message to the dead-letter queue any more), and
 * the dead-letter queue's count has not changed between consecutive samples. Pure; fed samples.
 */
public final class Settle {

    /** One look at the world. {@code workersMayStay}: the policy keeps a minimum of tasks, so do not wait for zero. */
    public record Sample(long queued, long deadLettered, long liveTasks, boolean workersMayStay) {}

    private final int needed;
    private Sample previous;
    private int quiet;

    /** @param needed consecutive quiet samples before the run counts as settled (at least 2) */
    public Settle(int needed) {
        this.needed = Math.max(2, needed);
    }

    public boolean observe(Sample s) {
        boolean quietNow = s.queued() == 0
                && (s.liveTasks() == 0 || s.workersMayStay())
                && (previous == null || previous.deadLettered() == s.deadLettered());
        quiet = quietNow ? quiet + 1 : 0;
        previous = s;
        return quiet >= needed;
    }

    /** Something new arrived (keep-running mode): start over. */
    public void reset() {
        quiet = 0;
        previous = null;
    }
}
