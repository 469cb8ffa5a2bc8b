package dev.ebb.worker.backpressure;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Bounds the source bytes held in memory at once, beside the {@link Permits} that bound messages:
 * twenty 46 MB photos fit twenty permits but not a 1 GB task. A record asks for its object's size
 * before it downloads and gives it back once rendered. Requests are granted in arrival order; an
 * object larger than the whole budget is granted only when nothing else is held, so it is processed
 * alone rather than never. Used on the worker's event-loop context only, so no locks; pure.
 */
public final class ByteBudget {

    private record Waiter(long bytes, Runnable granted) {}

    private final long total;
    private final Deque<Waiter> waiting = new ArrayDeque<>();
    private long used;
    private int holders;

    public ByteBudget(long total) {
        if (total < 1) {
            throw new IllegalArgumentException("the byte budget must be positive");
        }
        this.total = total;
    }

    /** Runs {@code granted} once {@code bytes} are held: at once if they fit now and nobody waits ahead. */
    public void acquire(long bytes, Runnable granted) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative size " + bytes);
        }
        if (waiting.isEmpty() && fits(bytes)) {
            take(bytes);
            granted.run();
        } else {
            waiting.add(new Waiter(bytes, granted));
        }
    }

    /** Gives back what one {@link #acquire} took, and grants the waiters that now fit, in order. */
    public void release(long bytes) {
        if (bytes < 0 || bytes > used || holders == 0) {
            throw new IllegalStateException("releasing " + bytes + " of " + used + " bytes held by " + holders);
        }
        used -= bytes;
        holders--;
        while (!waiting.isEmpty() && fits(waiting.peek().bytes())) {
            Waiter w = waiting.poll();
            take(w.bytes());
            w.granted().run();
        }
    }

    private boolean fits(long bytes) {
        return holders == 0 || used + bytes <= total;
    }

    private void take(long bytes) {
        used += bytes;
        holders++;
    }

    public long used() {
        return used;
    }

    /** Records waiting for bytes; while any wait, receiving more messages would only hoard them. */
    public int waiting() {
        return waiting.size();
    }
}
