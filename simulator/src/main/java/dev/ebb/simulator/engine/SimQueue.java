package dev.ebb.simulator.engine;

import java.util.ArrayDeque;

/**
 * The SQS queue as the controller and the workers see it: visible messages (FIFO cohorts, oldest
 * first, so wait-time percentiles stay right without tracking single messages), messages in flight
 * (received and not deleted, including those of dead tasks waiting out the visibility timeout) and
 * delayed ones (DelaySeconds).
 */
final class SimQueue {

    /** Mutable slice of an arrival cohort. */
    static final class Cohort {
        final long arrivedAt;
        long count;

        Cohort(long arrivedAt, long count) {
            this.arrivedAt = arrivedAt;
            this.count = count;
        }
    }

    private final ArrayDeque<Cohort> visible = new ArrayDeque<>();
    private long visibleCount;
    long inFlight;
    long delayed;

    long visible() {
        return visibleCount;
    }

    /** visible + in flight + delayed: every message not yet deleted. */
    long total() {
        return visibleCount + inFlight + delayed;
    }

    void addVisible(long arrivedAt, long count) {
        Cohort last = visible.peekLast();
        if (last != null && last.arrivedAt == arrivedAt) {
            last.count += count;
        } else {
            visible.addLast(new Cohort(arrivedAt, count));
        }
        visibleCount += count;
    }

    /** Returned messages are the oldest, so they go to the front and are received first. */
    void returnVisible(long arrivedAt, long count) {
        visible.addFirst(new Cohort(arrivedAt, count));
        visibleCount += count;
    }

    /** Receives up to {@code max} messages of the oldest cohort; they are in flight from now on. */
    Cohort receive(long max) {
        Cohort head = visible.peekFirst();
        if (head == null || max <= 0) {
            return null;
        }
        long n = Math.min(max, head.count);
        head.count -= n;
        if (head.count == 0) {
            visible.pollFirst();
        }
        visibleCount -= n;
        inFlight += n;
        return new Cohort(head.arrivedAt, n);
    }
}
