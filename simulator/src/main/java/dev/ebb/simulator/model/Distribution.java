package dev.ebb.simulator.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A duration drawn at random: task start latency, processing time of a message. Measured samples
 * ({@link Empirical}) plug in the same way as the textbook shapes, so a calibration run can feed
 * what {@code ebb local} measured straight into the model.
 */
public sealed interface Distribution {

    long sampleMillis(SplittableRandom random);

    /** The mean, which sets throughput: a worker finishes concurrency ÷ mean messages per unit of time. */
    double meanMillis();

    String describe();

    record Fixed(long millis) implements Distribution {
        @Override
        public long sampleMillis(SplittableRandom random) {
            return millis;
        }

        @Override
        public double meanMillis() {
            return millis;
        }

        @Override
        public String describe() {
            return DurationText.format(millis);
        }
    }

    record Uniform(long lowMillis, long highMillis) implements Distribution {
        public Uniform {
            if (highMillis < lowMillis) {
                throw new IllegalArgumentException("uniform: the upper bound is below the lower bound");
            }
        }

        @Override
        public long sampleMillis(SplittableRandom random) {
            return lowMillis + (highMillis == lowMillis ? 0 : random.nextLong(highMillis - lowMillis + 1));
        }

        @Override
        public double meanMillis() {
            return (lowMillis + highMillis) / 2.0;
        }

        @Override
        public String describe() {
            return "uniform " + DurationText.format(lowMillis) + ".." + DurationText.format(highMillis);
        }
    }

    /** Right-skewed like real service times; given by its median and 95th percentile. */
    record LogNormal(long medianMillis, long p95Millis) implements Distribution {
        private static final double Z95 = 1.6448536269514722;

        public LogNormal {
            if (medianMillis <= 0 || p95Millis < medianMillis) {
                throw new IllegalArgumentException("lognormal: needs 0 < median <= p95");
            }
        }

        double sigma() {
            return Math.log((double) p95Millis / medianMillis) / Z95;
        }

        @Override
        public long sampleMillis(SplittableRandom random) {
            return Math.round(medianMillis * Math.exp(sigma() * gaussian(random)));
        }

        @Override
        public double meanMillis() {
            double s = sigma();
            return medianMillis * Math.exp(s * s / 2);
        }

        @Override
        public String describe() {
            return "lognormal median " + DurationText.format(medianMillis) + ", p95 " + DurationText.format(p95Millis);
        }

        private static double gaussian(SplittableRandom random) {
            // Box-Muller; SplittableRandom has no nextGaussian of its own that is stable across JDKs.
            double u = 1.0 - random.nextDouble();
            double v = random.nextDouble();
            return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
        }
    }

    /**
     * Measured values, drawn uniformly: e.g. the per-message times `ebb local` logged. (The array is
     * sampled, never compared: equals by identity is fine.)
     */
    @SuppressWarnings("ArrayRecordComponent")
    record Empirical(long[] samplesMillis, String source) implements Distribution {
        public Empirical {
            if (samplesMillis.length == 0) {
                throw new IllegalArgumentException(source + ": no samples");
            }
            samplesMillis = samplesMillis.clone();
        }

        @Override
        public long sampleMillis(SplittableRandom random) {
            return samplesMillis[random.nextInt(samplesMillis.length)];
        }

        @Override
        public double meanMillis() {
            return Arrays.stream(samplesMillis).average().orElseThrow();
        }

        @Override
        public String describe() {
            return samplesMillis.length + " samples from " + source;
        }
    }

    /**
     * {@code 1s} or {@code fixed:1s}, {@code uniform:30s..90s}, {@code lognormal:45s,90s} (median, p95),
     * {@code file:PATH} (one duration per line, e.g. {@code 850ms}; a bare number is milliseconds).
     */
    static Distribution parse(String text) {
        String t = text.strip();
        int colon = t.indexOf(':');
        String kind = colon < 0 ? "fixed" : t.substring(0, colon);
        String arg = colon < 0 ? t : t.substring(colon + 1);
        try {
            return switch (kind) {
                case "fixed" -> new Fixed(DurationText.parseMillis(arg));
                case "uniform" -> {
                    String[] ab = arg.split("\\.\\.", 2);
                    if (ab.length != 2) {
                        throw new IllegalArgumentException("write uniform:LOW..HIGH, e.g. uniform:30s..90s");
                    }
                    yield new Uniform(DurationText.parseMillis(ab[0]), DurationText.parseMillis(ab[1]));
                }
                case "lognormal" -> {
                    String[] ab = arg.split(",", 2);
                    if (ab.length != 2) {
                        throw new IllegalArgumentException("write lognormal:MEDIAN,P95, e.g. lognormal:45s,90s");
                    }
                    yield new LogNormal(DurationText.parseMillis(ab[0]), DurationText.parseMillis(ab[1]));
                }
                case "file" -> readSamples(Path.of(arg));
                default ->
                    throw new IllegalArgumentException(
                            "unknown distribution '" + kind + "'; use fixed:, uniform:, lognormal: or file:");
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "': " + e.getMessage(), e);
        }
    }

    private static Empirical readSamples(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + " does not exist", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        long[] values = lines.stream()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .mapToLong(
                        l -> l.chars().allMatch(Character::isDigit) ? Long.parseLong(l) : DurationText.parseMillis(l))
                .toArray();
        return new Empirical(values, file.toString());
    }
}
