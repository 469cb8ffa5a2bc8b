package dev.ebb.controller.port;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The measurement windows, shared by the CloudWatch source and the simulator's model of it. The
 * recent window is long enough to smooth a tick's noise (five ticks) yet follows a change within
 * minutes; both end a minute back because CloudWatch publishes a minute's data points with a lag,
 * and a half-filled last minute would read as a dip in the load.
 */
public final class LoadWindows {

    public static final Duration RECENT = Duration.ofMinutes(10);
    public static final Duration LONG_TERM = Duration.ofHours(24);
    public static final Duration LAG = Duration.ofMinutes(1);

    private LoadWindows() {}

    /** The end of both windows: a whole minute, at least {@link #LAG} before {@code now}. */
    public static Instant end(Instant now) {
        return now.minus(LAG).truncatedTo(ChronoUnit.MINUTES);
    }
}
