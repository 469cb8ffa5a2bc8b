package dev.ebb.worker.lifecycle;

import java.time.Duration;

/**
 * Decides that the queue is empty: at least {@code emptyPolls} consecutive empty long polls, no
 * message received or finished for {@code window}, and nothing in flight. A failed poll proves
 * nothing about the queue, so it resets the count. Pure; time is passed in.
 */
public final class IdleDetector {

    private final long windowMillis;
    private final int emptyPolls;
    private long lastActivity;
    private int consecutiveEmpty;

    public IdleDetector(Duration window, int emptyPolls, long nowMillis) {
        this.windowMillis = window.toMillis();
        this.emptyPolls = emptyPolls;
        this.lastActivity = nowMillis;
    }

    public void polled(int received, long nowMillis) {
        if (received > 0) {
            consecutiveEmpty = 0;
            lastActivity = nowMillis;
        } else {
            consecutiveEmpty++;
        }
    }

    public void pollFailed() {
        consecutiveEmpty = 0;
    }

    public void finished(long nowMillis) {
        lastActivity = nowMillis;
    }

    public boolean isIdle(long nowMillis, int inFlight) {
        return inFlight == 0 && consecutiveEmpty >= emptyPolls && nowMillis - lastActivity >= windowMillis;
    }
}
