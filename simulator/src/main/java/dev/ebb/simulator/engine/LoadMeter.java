package dev.ebb.simulator.engine;

import dev.ebb.controller.reconcile.LoadMeasurement;
import dev.ebb.simulator.model.MeasurementWindows;
import java.time.Duration;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * What CloudWatch holds about the load, at its one-minute resolution: per minute, the messages sent
 * to the queue (SQS's NumberOfMessagesSent), the messages the workers finished and the task-seconds
 * they were busy (each worker's share of permits in use; the simulator models no CPU). The control
 * loop reads it the way the controller's CloudWatch adapter does: whole minutes only, published
 * {@link MeasurementWindows#lagMillis()} late.
 */
final class LoadMeter {

    private static final long MINUTE = MeasurementWindows.PERIOD_MILLIS;

    private final MeasurementWindows windows;
    private final int permits;
    private long[] sent = new long[64];
    private long[] processed = new long[64];
    /** Permit-milliseconds in use, per minute. */
    private double[] heldPermitMillis = new double[64];

    private long held;
    private long heldSince;

    LoadMeter(MeasurementWindows windows, int permits) {
        this.windows = windows;
        this.permits = permits;
    }

    void sent(long now, long count) {
        grow(now);
        sent[minute(now)] += count;
    }

    void processed(long now, long count) {
        grow(now);
        processed[minute(now)] += count;
    }

    /** The permits held over all workers changed by {@code delta} at {@code now}. */
    void held(long now, long delta) {
        grow(now);
        long t = heldSince;
        while (t < now) {
            long end = Math.min(now, (t / MINUTE + 1) * MINUTE);
            heldPermitMillis[minute(t)] += (double) held * (end - t);
            t = end;
        }
        heldSince = now;
        held += delta;
    }

    /** What a GetMetricData at {@code now} returns for both windows; empty before a minute is published. */
    LoadMeasurement measure(long now) {
        held(now, 0);
        long end = Math.floorDiv(now - windows.lagMillis(), MINUTE) * MINUTE;
        if (end <= 0) {
            return LoadMeasurement.UNKNOWN;
        }
        return LoadMeasurement.of(
                window(end, windows.recentMillis(), true), window(end, windows.longTermMillis(), false));
    }

    private LoadMeasurement.Window window(long end, long length, boolean withSent) {
        int to = minute(end);
        int from = Math.max(0, minute(end - length));
        long s = 0;
        long p = 0;
        double busy = 0;
        for (int m = from; m < to && m < sent.length; m++) {
            s += sent[m];
            p += processed[m];
            busy += heldPermitMillis[m];
        }
        return new LoadMeasurement.Window(
                Duration.ofMillis(length),
                withSent ? OptionalLong.of(s) : OptionalLong.empty(),
                p,
                busy / permits / 1000.0);
    }

    private static int minute(long millis) {
        return (int) Math.floorDiv(millis, MINUTE);
    }

    private void grow(long now) {
        int need = minute(now) + 1;
        if (need > sent.length) {
            int size = Math.max(need, sent.length * 2);
            sent = Arrays.copyOf(sent, size);
            processed = Arrays.copyOf(processed, size);
            heldPermitMillis = Arrays.copyOf(heldPermitMillis, size);
        }
    }
}
