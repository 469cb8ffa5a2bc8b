package dev.ebb.worker.errorhandler;

import java.time.Duration;

/**
 * How long a message that failed transiently stays invisible before it comes back: exponential in
 * its receive count, capped. Pure; SQS caps visibility at 12 hours.
 */
public record VisibilityBackoff(Duration base, Duration max) {

    private static final long SQS_MAX_SECONDS = 43_200;

    public int secondsFor(int receiveCount) {
        int exponent = Math.clamp(receiveCount - 1, 0, 30);
        long seconds = base.toSeconds() << exponent;
        if (seconds < 0 || seconds > max.toSeconds()) {
            seconds = max.toSeconds();
        }
        return (int) Math.min(seconds, SQS_MAX_SECONDS);
    }
}
