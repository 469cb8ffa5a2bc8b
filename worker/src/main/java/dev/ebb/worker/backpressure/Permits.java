package dev.ebb.worker.backpressure;

/**
 * Bounds the messages in flight. Used only on the worker's event-loop context, so no locks: the
 * poller takes up to the free count, gives back what a receive did not fill, and every finished
 * message gives back one.
 */
public final class Permits {

    private final int total;
    private int used;

    public Permits(int total) {
        if (total < 1) {
            throw new IllegalArgumentException("permits must be positive");
        }
        this.total = total;
    }

    /** Takes {@code min(wanted, free)} permits and says how many. */
    public int acquireUpTo(int wanted) {
        int n = Math.max(0, Math.min(wanted, free()));
        used += n;
        return n;
    }

    public void release(int n) {
        if (n < 0 || n > used) {
            throw new IllegalStateException("releasing " + n + " of " + used + " permits in use");
        }
        used -= n;
    }

    public int free() {
        return total - used;
    }

    public int inUse() {
        return used;
    }
}
