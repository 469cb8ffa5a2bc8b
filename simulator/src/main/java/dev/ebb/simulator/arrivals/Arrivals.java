package dev.ebb.simulator.arrivals;

import java.util.Arrays;

/**
 * When messages land on the queue: cohorts of {@code counts[i]} messages at {@code times[i]}
 * (milliseconds from the start), sorted by time. A cohort is the unit the simulation moves around,
 * so a day of 10 million messages is about 86,400 one-second cohorts, not 10 million events.
 */
public final class Arrivals {

    private final long[] times;
    private final long[] counts;

    Arrivals(long[] times, long[] counts) {
        if (times.length != counts.length) {
            throw new IllegalArgumentException("times and counts differ in length");
        }
        for (int i = 1; i < times.length; i++) {
            if (times[i] < times[i - 1]) {
                throw new IllegalArgumentException("arrival times must be sorted");
            }
        }
        this.times = times;
        this.counts = counts;
    }

    public static Arrivals of(long[] times, long[] counts) {
        return new Arrivals(times.clone(), counts.clone());
    }

    public static Arrivals burst(long count, long atMillis) {
        return new Arrivals(new long[] {atMillis}, new long[] {count});
    }

    public int cohorts() {
        return times.length;
    }

    public long time(int i) {
        return times[i];
    }

    public long count(int i) {
        return counts[i];
    }

    public long total() {
        return Arrays.stream(counts).sum();
    }

    /** The time of the last cohort with messages, or -1 if there is none. */
    public long lastArrival() {
        for (int i = times.length - 1; i >= 0; i--) {
            if (counts[i] > 0) {
                return times[i];
            }
        }
        return -1;
    }

    /** Only the cohorts before {@code endMillis}. */
    public Arrivals until(long endMillis) {
        int n = 0;
        while (n < times.length && times[n] < endMillis) {
            n++;
        }
        return new Arrivals(Arrays.copyOf(times, n), Arrays.copyOf(counts, n));
    }

    /** Several loads at once (e.g. a steady rate plus a burst): cohorts at the same time are added up. */
    public static Arrivals merge(Arrivals... parts) {
        int size = Arrays.stream(parts).mapToInt(Arrivals::cohorts).sum();
        long[] t = new long[size];
        long[] c = new long[size];
        int[] at = new int[parts.length];
        int n = 0;
        while (true) {
            int best = -1;
            for (int p = 0; p < parts.length; p++) {
                if (at[p] < parts[p].cohorts() && (best < 0 || parts[p].times[at[p]] < parts[best].times[at[best]])) {
                    best = p;
                }
            }
            if (best < 0) {
                break;
            }
            long time = parts[best].times[at[best]];
            long count = parts[best].counts[at[best]++];
            if (n > 0 && t[n - 1] == time) {
                c[n - 1] += count;
            } else {
                t[n] = time;
                c[n++] = count;
            }
        }
        return new Arrivals(Arrays.copyOf(t, n), Arrays.copyOf(c, n));
    }

    /** Builds cohorts in time order; a rate is turned into whole messages per step without losing fractions. */
    static final class Builder {
        private long[] times = new long[1024];
        private long[] counts = new long[1024];
        private int n;
        private double carry;

        void add(long time, long count) {
            if (count <= 0) {
                return;
            }
            if (n > 0 && times[n - 1] == time) {
                counts[n - 1] += count;
                return;
            }
            if (n == times.length) {
                times = Arrays.copyOf(times, n * 2);
                counts = Arrays.copyOf(counts, n * 2);
            }
            times[n] = time;
            counts[n++] = count;
        }

        /** Adds {@code expected} messages (fractional) at {@code time}, carrying the remainder to the next step. */
        void addFractional(long time, double expected) {
            double total = expected + carry;
            long whole = (long) Math.floor(total);
            carry = total - whole;
            add(time, whole);
        }

        Arrivals build() {
            return new Arrivals(Arrays.copyOf(times, n), Arrays.copyOf(counts, n));
        }
    }
}
