package dev.ebb.simulator.model;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people type them ({@code 24h}, {@code 1h30m}, {@code 90s}, {@code 250ms}, {@code 1.5s}), in milliseconds. */
public final class DurationText {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|min|s|m|h|d)");

    private DurationText() {}

    public static long parseMillis(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("0")) {
            return 0;
        }
        Matcher m = PART.matcher(t);
        long total = 0;
        int at = 0;
        while (at < t.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException(
                        "'" + text + "' is not a duration; write e.g. 24h, 1h30m, 90s, 250ms");
            }
            total += Math.round(Double.parseDouble(m.group(1)) * unitMillis(m.group(2)));
            at = m.end();
        }
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty duration; write e.g. 24h, 90s");
        }
        return total;
    }

    private static long unitMillis(String unit) {
        return switch (unit) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m", "min" -> 60_000;
            case "h" -> 3_600_000;
            case "d" -> 86_400_000;
            default -> throw new IllegalStateException(unit);
        };
    }

    /** Short human form: {@code 850ms}, {@code 42.5s}, {@code 4m10s}, {@code 2h05m}. */
    public static String format(long millis) {
        if (millis < 1_000) {
            return millis + "ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        long s = Math.round(millis / 1000.0);
        if (s < 3_600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3_600, (s % 3_600) / 60);
    }
}
