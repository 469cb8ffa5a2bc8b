package dev.ebb.controller.policy;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in a policy: {@code 45s}, {@code 3m}, {@code 1h30m}. */
public final class DurationWords {

    private static final Pattern FORM = Pattern.compile("(?:(\\d{1,4})h)?(?:(\\d{1,5})m)?(?:(\\d{1,6})s)?");

    private DurationWords() {}

    public static Optional<Duration> parse(String text) {
        String t = text.trim();
        Matcher m = FORM.matcher(t);
        if (t.isEmpty() || !m.matches()) {
            return Optional.empty();
        }
        long seconds = group(m, 1) * 3600 + group(m, 2) * 60 + group(m, 3);
        return Optional.of(Duration.ofSeconds(seconds));
    }

    /** The shortest form {@link #parse} reads back: {@code 1h30m}, {@code 90s} stays {@code 1m30s}. */
    public static String format(Duration d) {
        long s = d.toSeconds();
        if (s == 0) {
            return "0s";
        }
        StringBuilder b = new StringBuilder();
        if (s >= 3600) {
            b.append(s / 3600).append('h');
        }
        if (s % 3600 >= 60) {
            b.append(s % 3600 / 60).append('m');
        }
        if (s % 60 > 0) {
            b.append(s % 60).append('s');
        }
        return b.toString();
    }

    private static long group(Matcher m, int i) {
        return m.group(i) == null ? 0 : Long.parseLong(m.group(i));
    }
}
