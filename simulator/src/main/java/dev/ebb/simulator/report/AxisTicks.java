package dev.ebb.simulator.report;

import java.util.Locale;

/** Round axis steps: 1, 2, 5 × 10^k for counts; whole minutes and hours for time. */
final class AxisTicks {
    private static final long[] TIME_STEPS = {
        1_000,
        5_000,
        10_000,
        30_000,
        60_000,
        120_000,
        300_000,
        600_000,
        900_000,
        1_800_000,
        3_600_000,
        7_200_000,
        10_800_000,
        21_600_000,
        43_200_000,
        86_400_000
    };

    private AxisTicks() {}

    static double[] nice(double max) {
        double raw = max / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * magnitude >= raw) {
                step = m * magnitude;
                break;
            }
        }
        step = Math.max(1, step);
        int count = (int) Math.ceil(max / step);
        double[] ticks = new double[count + 1];
        for (int i = 0; i <= count; i++) {
            ticks[i] = i * step;
        }
        return ticks;
    }

    static double[] time(long max) {
        long step = TIME_STEPS[TIME_STEPS.length - 1];
        for (long s : TIME_STEPS) {
            if (max / s <= 8) {
                step = s;
                break;
            }
        }
        int count = (int) (max / step);
        double[] ticks = new double[count + 1];
        for (int i = 0; i <= count; i++) {
            ticks[i] = (double) i * step;
        }
        return ticks;
    }

    static String label(double v) {
        if (v >= 1_000_000 && v % 1_000_000 == 0) {
            return String.format(Locale.ROOT, "%.0fM", v / 1_000_000);
        }
        if (v >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1fM", v / 1_000_000);
        }
        if (v >= 10_000 && v % 1_000 == 0) {
            return String.format(Locale.ROOT, "%.0fk", v / 1_000);
        }
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    static String timeLabel(long millis) {
        long s = millis / 1000;
        if (s == 0) {
            return "0";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s >= 3600) {
            return s / 3600 + "h" + String.format(Locale.ROOT, "%02d", (s % 3600) / 60);
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return s >= 60 ? s / 60 + "m" + String.format(Locale.ROOT, "%02ds", s % 60) : s + "s";
    }
}
