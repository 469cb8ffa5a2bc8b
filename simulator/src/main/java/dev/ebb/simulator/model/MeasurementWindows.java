package dev.ebb.simulator.model;

import dev.ebb.controller.port.LoadWindows;

/**
 * The CloudWatch windows the controller measures load over: a recent one that follows the load, a
 * long one that remembers how fast a task works after a quiet night, both ending {@code lagMillis}
 * before the tick because CloudWatch publishes a minute's sums about a minute later. The defaults
 * are the controller's own ({@link LoadWindows}, which its CloudWatch adapter reads with); the
 * simulator lets them vary to show what other windows would do.
 *
 * @param recentMillis the recent window: arrivals (NumberOfMessagesSent), processed, busy task-seconds
 * @param longTermMillis the long window: processed and busy task-seconds only
 * @param lagMillis how long before the tick both windows end
 */
public record MeasurementWindows(long recentMillis, long longTermMillis, long lagMillis) {

    /** CloudWatch's resolution: one sum per minute. */
    public static final long PERIOD_MILLIS = 60_000;

    public static final MeasurementWindows DEFAULTS = new MeasurementWindows(
            LoadWindows.RECENT.toMillis(), LoadWindows.LONG_TERM.toMillis(), LoadWindows.LAG.toMillis());

    public MeasurementWindows {
        if (recentMillis < PERIOD_MILLIS || longTermMillis < PERIOD_MILLIS || lagMillis < 0) {
            throw new IllegalArgumentException(
                    "measurement windows are at least a minute (CloudWatch's period) and the lag is not negative");
        }
    }
}
