package dev.ebb.controller.reconcile;

import dev.ebb.controller.policy.Sizing;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The three rates work-based sizing rests on, each with where it came from, so the decision log can
 * say whether a count was measured or guessed.
 *
 * @param arrivalsPerSecond messages arriving on the queue
 * @param throughputPerTask messages per second one task finishes when fully busy
 * @param startLatency RunTask until a task works
 */
public record Estimate(double arrivalsPerSecond, Basis arrivalsBasis, double throughputPerTask, Basis throughputBasis,
        Duration startLatency, Basis startLatencyBasis) {

    /** Where a number came from; logged in lower case. */
    public enum Basis {
        /** The recent measurement window. */
        RECENT,
        /** The long window: how fast tasks worked the last time there was work. */
        LONG_TERM,
        /** Tasks ECS shows now. */
        OBSERVED,
        /** What an earlier cycle observed. */
        REMEMBERED,
        /** The policy's cold-start guess. */
        ASSUMED,
        /** Nothing measured: taken as 0. */
        NONE;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Below this much reported work a window says more about noise than about a task's speed. */
    static final double MIN_BUSY_TASK_SECONDS = 60;
    static final long MIN_PROCESSED = 20;

    public Estimate {
        if (!(throughputPerTask > 0) || arrivalsPerSecond < 0 || startLatency.isNegative()) {
            throw new IllegalArgumentException("throughput must be above 0, arrivals and latency not negative");
        }
    }

    static Estimate of(LoadMeasurement load, List<ObservedTask> tasks, History history, Sizing.ByWork policy) {
        double throughput = policy.assumedThroughputPerTask();
        Basis throughputBasis = Basis.ASSUMED;
        Optional<Double> recent = load.recent().flatMap(Estimate::throughput);
        Optional<Double> longTerm = load.longTerm().flatMap(Estimate::throughput);
        if (recent.isPresent()) {
            throughput = recent.get();
            throughputBasis = Basis.RECENT;
        } else if (longTerm.isPresent()) {
            throughput = longTerm.get();
            throughputBasis = Basis.LONG_TERM;
        }

        double arrivals = 0;
        Basis arrivalsBasis = Basis.NONE;
        if (load.recent().isPresent()) {
            LoadMeasurement.Window w = load.recent().get();
            double seconds = w.length().toMillis() / 1000.0;
            // Without SQS's count, what the workers finished is the arrival rate they kept up with.
            arrivals = (w.sent().isPresent() ? w.sent().getAsLong() : w.processed()) / seconds;
            arrivalsBasis = Basis.RECENT;
        }

        Optional<Duration> observed = observedStartLatency(tasks);
        Duration latency = observed.or(history::startLatency).orElse(policy.assumedStartLatency());
        Basis latencyBasis = observed.isPresent() ? Basis.OBSERVED
                : history.startLatency().isPresent() ? Basis.REMEMBERED : Basis.ASSUMED;
        return new Estimate(arrivals, arrivalsBasis, throughput, throughputBasis, latency, latencyBasis);
    }

    /** The median start latency of the tasks ECS shows started. */
    private static Optional<Duration> observedStartLatency(List<ObservedTask> tasks) {
        List<Duration> seen = tasks.stream().flatMap(t -> t.startLatency().stream()).sorted().toList();
        return seen.isEmpty() ? Optional.empty() : Optional.of(seen.get(seen.size() / 2));
    }

    private static Optional<Double> throughput(LoadMeasurement.Window w) {
        if (w.busyTaskSeconds() < MIN_BUSY_TASK_SECONDS || w.processed() < MIN_PROCESSED) {
            return Optional.empty();
        }
        return Optional.of(w.processed() / w.busyTaskSeconds());
    }

    public String describe() {
        return String.format(Locale.ROOT, "%.1f msg/s arriving (%s), %.1f msg/s per task (%s), start %ds (%s)",
                arrivalsPerSecond, arrivalsBasis.label(), throughputPerTask, throughputBasis.label(),
                startLatency.toSeconds(), startLatencyBasis.label());
    }
}
