package dev.ebb.local.platform;

import dev.ebb.controller.port.LoadSource;
import dev.ebb.controller.port.LoadWindows;
import dev.ebb.controller.reconcile.LoadMeasurement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The controller's {@link LoadSource} on this machine: what CloudWatch would sum in AWS, summed from
 * what happened here — the S3 events ingest put on the queue (SQS's NumberOfMessagesSent) and the
 * work report lines the workers print (their EMF metrics). A run younger than a window is measured
 * over its own age, so a 30-second run does not read as a slow ten minutes.
 */
public final class LocalLoad implements LoadSource, WorkReports {

    private record Point(Instant at, long sent, long processed, double busySeconds) {}

    private final Clock clock;
    private final Instant started;
    private final List<Point> points = new ArrayList<>();

    public LocalLoad(Clock clock) {
        this.clock = clock;
        this.started = clock.instant();
    }

    public synchronized void sent(long messages) {
        points.add(new Point(clock.instant(), messages, 0, 0));
    }

    @Override
    public synchronized void reported(long processed, double busySeconds) {
        points.add(new Point(clock.instant(), 0, processed, busySeconds));
    }

    @Override
    public synchronized LoadMeasurement read(Instant now) {
        return LoadMeasurement.of(window(now, LoadWindows.RECENT, true), window(now, LoadWindows.LONG_TERM, false));
    }

    private LoadMeasurement.Window window(Instant now, Duration length, boolean withSent) {
        Duration age = Duration.between(started, now);
        Duration measured = age.compareTo(length) < 0 ? age : length;
        if (measured.isZero() || measured.isNegative()) {
            return null;
        }
        Instant from = now.minus(measured);
        long sent = 0;
        long processed = 0;
        double busy = 0;
        for (Point p : points) {
            if (p.at().isAfter(from) && !p.at().isAfter(now)) {
                sent += p.sent();
                processed += p.processed();
                busy += p.busySeconds();
            }
        }
        return new LoadMeasurement.Window(
                measured, withSent ? OptionalLong.of(sent) : OptionalLong.empty(), processed, busy);
    }
}
