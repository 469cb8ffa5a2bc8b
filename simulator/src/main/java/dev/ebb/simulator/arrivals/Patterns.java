package dev.ebb.simulator.arrivals;

import dev.ebb.simulator.model.DurationText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The built-in loads, written {@code NAME[:key=value,…]}:
 * <ul>
 *   <li>{@code burst[:n=100000,at=0s]} — n messages at once (a bulk upload);
 *   <li>{@code steady[:rate=50/s,from=0s,to=END]} — a constant rate;
 *   <li>{@code diurnal[:daily=1000000,peak=14h,trough=0.2]} — a daily cosine wave with its maximum
 *       at {@code peak} and its minimum {@code trough} times the maximum;
 *   <li>{@code bursty[:every=1h,size=20000,spread=1m,base=0/s]} — bursts at random (Poisson, mean
 *       gap {@code every}) of random size (exponential, mean {@code size}), each spread over
 *       {@code spread}, on top of a {@code base} rate.
 * </ul>
 * Rates are {@code N/s}, {@code N/m}, {@code N/h} or {@code N/d}. Spread-out loads are cut into
 * one-second cohorts.
 */
public final class Patterns {

    static final long STEP = 1_000;
    public static final List<String> NAMES = List.of("burst", "steady", "diurnal", "bursty");

    private Patterns() {}

    /** @param durationMillis how long the simulation runs; loads stop there */
    public static Arrivals parse(String spec, long durationMillis, long seed) {
        int colon = spec.indexOf(':');
        String name = (colon < 0 ? spec : spec.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
        Options o = new Options(spec, colon < 0 ? "" : spec.substring(colon + 1));
        Arrivals a = switch (name) {
            case "burst" -> Arrivals.burst(o.count("n", 100_000), o.duration("at", 0));
            case "steady" -> steady(o.rate("rate", 50), o.duration("from", 0), o.duration("to", durationMillis));
            case "diurnal" ->
                diurnal(
                        o.count("daily", 1_000_000),
                        o.duration("peak", 14 * 3_600_000L),
                        o.fraction("trough", 0.2),
                        durationMillis);
            case "bursty" ->
                bursty(
                        o.duration("every", 3_600_000),
                        o.count("size", 20_000),
                        o.duration("spread", 60_000),
                        o.rate("base", 0),
                        durationMillis,
                        new SplittableRandom(seed));
            default ->
                throw new IllegalArgumentException(
                        "unknown pattern '" + name + "'; one of " + String.join(", ", NAMES));
        };
        o.requireAllUsed();
        return a.until(durationMillis);
    }

    static Arrivals steady(double perSecond, long from, long to) {
        Arrivals.Builder b = new Arrivals.Builder();
        for (long t = from; t < to; t += STEP) {
            b.addFractional(t, perSecond * Math.min(STEP, to - t) / 1000.0);
        }
        return b.build();
    }

    static Arrivals diurnal(long daily, long peakMillis, double trough, long durationMillis) {
        double mean = daily / 86_400.0; // per second
        double amplitude = (1 - trough) / (1 + trough);
        Arrivals.Builder b = new Arrivals.Builder();
        for (long t = 0; t < durationMillis; t += STEP) {
            double phase = 2 * Math.PI * (t + STEP / 2.0 - peakMillis) / 86_400_000.0;
            b.addFractional(t, mean * (1 + amplitude * Math.cos(phase)));
        }
        return b.build();
    }

    static Arrivals bursty(
            long everyMillis,
            long meanSize,
            long spreadMillis,
            double basePerSecond,
            long durationMillis,
            SplittableRandom random) {
        Arrivals.Builder b = new Arrivals.Builder();
        long steps = Math.max(1, spreadMillis / STEP);
        double[] extra = new double[(int) (durationMillis / STEP) + 1];
        double t = -everyMillis * Math.log(1 - random.nextDouble());
        while (t < durationMillis) {
            double size = -meanSize * Math.log(1 - random.nextDouble());
            long start = (long) (t / STEP);
            for (long s = 0; s < steps && start + s < extra.length; s++) {
                extra[(int) (start + s)] += size / steps;
            }
            t += -everyMillis * Math.log(1 - random.nextDouble());
        }
        for (int i = 0; i < extra.length && i * STEP < durationMillis; i++) {
            b.addFractional(i * STEP, basePerSecond + extra[i]);
        }
        return b.build();
    }

    /** {@code 50/s}, {@code 3000/m}, {@code 100000/h}, {@code 1000000/d}; a bare number is per second. */
    static double perSecond(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        int slash = t.indexOf('/');
        double n = Double.parseDouble(slash < 0 ? t : t.substring(0, slash));
        String unit = slash < 0 ? "s" : t.substring(slash + 1);
        return switch (unit) {
            case "s" -> n;
            case "m", "min" -> n / 60;
            case "h" -> n / 3_600;
            case "d" -> n / 86_400;
            default -> throw new IllegalArgumentException("rate unit must be /s, /m, /h or /d, got '/" + unit + "'");
        };
    }

    /** key=value options that complain about keys nobody asked for. */
    private static final class Options {
        private final String spec;
        private final Map<String, String> values = new LinkedHashMap<>();

        Options(String spec, String text) {
            this.spec = spec;
            for (String part : text.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                int eq = part.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("pattern '" + spec + "': write key=value, got '" + part + "'");
                }
                values.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
            }
        }

        long count(String key, long dflt) {
            String v = values.remove(key);
            try {
                long n = v == null ? dflt : Math.round(Double.parseDouble(v.replace("_", "")));
                if (n < 0) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw bad(key, v, "a whole number ≥ 0");
            }
        }

        long duration(String key, long dflt) {
            String v = values.remove(key);
            try {
                return v == null ? dflt : DurationText.parseMillis(v);
            } catch (IllegalArgumentException e) {
                throw bad(key, v, "a duration like 90s, 10m, 14h");
            }
        }

        double rate(String key, double dflt) {
            String v = values.remove(key);
            try {
                return v == null ? dflt : perSecond(v);
            } catch (IllegalArgumentException e) {
                throw bad(key, v, "a rate like 50/s, 3000/m, 1000000/d");
            }
        }

        double fraction(String key, double dflt) {
            String v = values.remove(key);
            try {
                double f = v == null ? dflt : Double.parseDouble(v);
                if (f < 0 || f > 1) {
                    throw new NumberFormatException();
                }
                return f;
            } catch (NumberFormatException e) {
                throw bad(key, v, "a number from 0 to 1");
            }
        }

        void requireAllUsed() {
            if (!values.isEmpty()) {
                throw new IllegalArgumentException(
                        "pattern '" + spec + "': unknown option " + String.join(", ", values.keySet()));
            }
        }

        private IllegalArgumentException bad(String key, String value, String want) {
            return new IllegalArgumentException(
                    "pattern '" + spec + "': " + key + " must be " + want + ", got '" + value + "'");
        }
    }
}
