package dev.ebb.simulator.metrics;

/**
 * Message wait times (arrival → start of processing) for millions of messages in constant memory:
 * exact below 128 ms, then 128 buckets per power of two (under 0.8% error). Counts can be taken
 * back: when a task dies, its messages' waits are withdrawn and recorded again when they are
 * received a second time, so each message counts once, with the wait of the attempt that finished.
 */
public final class WaitHistogram {

    private static final int SUB = 128;
    private static final int SHIFT = 7; // log2(SUB)
    private final long[] counts = new long[SUB * (64 - SHIFT)];
    private long total;

    public void add(long waitMillis, long count) {
        counts[index(Math.max(0, waitMillis))] += count;
        total += count;
    }

    public long total() {
        return total;
    }

    static int index(long v) {
        if (v < SUB) {
            return (int) v;
        }
        int e = 63 - Long.numberOfLeadingZeros(v);
        int sub = (int) ((v >>> (e - SHIFT)) & (SUB - 1));
        return SUB + (e - SHIFT) * SUB + sub;
    }

    static long lowest(int index) {
        if (index < SUB) {
            return index;
        }
        int e = (index - SUB) / SUB + SHIFT;
        int sub = (index - SUB) % SUB;
        return (1L << e) | ((long) sub << (e - SHIFT));
    }

    static long width(int index) {
        return index < SUB ? 1 : 1L << ((index - SUB) / SUB);
    }

    /** The longest wait recorded, as the top of its bucket; -1 when nothing was recorded. */
    public long max() {
        for (int i = counts.length - 1; i >= 0; i--) {
            if (counts[i] > 0) {
                return lowest(i) + width(i) - 1;
            }
        }
        return -1;
    }

    /**
     * The wait below which {@code q} of the messages started (nearest rank), as the middle of its
     * bucket; -1 when nothing was recorded.
     */
    public long percentile(double q) {
        if (total <= 0) {
            return -1;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return lowest(i) + (width(i) - 1) / 2;
            }
        }
        throw new IllegalStateException("histogram counts do not add up");
    }
}
