package dev.ebb.controller.reconcile;

import dev.ebb.controller.policy.Sizing;
import java.time.Duration;
import java.time.Instant;
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
public record Estimate(
        double arrivalsPerSecond,
        Basis arrivalsBasis,
        double throughputPerTask,
        Basis throughputBasis,
        Duration startLatency,
        Basis startLatencyBasis) {

    /** Where a number came from; logged in lower case. */
    public enum Basis {
        /** The recent measurement window. */
        RECENT,
        /** The long window: how fast tasks worked the last time there was work. */
        LONG_TERM,
        /** Tasks ECS shows now. */
        OBSERVED,
        /** What the queue drained since the last cycle, over the task-seconds ECS shows running. */
        DRAINED,
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

    static Estimate of(
            LoadMeasurement load,
            long backlog,
            List<ObservedTask> tasks,
            History history,
            Sizing.ByWork policy,
            Instant now) {
        double throughput = policy.assumedThroughputPerTask();
        Basis throughputBasis = Basis.ASSUMED;
        Optional<Double> recent = load.recent().flatMap(Estimate::throughput);
        Optional<Double> longTerm = load.longTerm().flatMap(Estimate::throughput);
        double arrivals = 0;
        Basis arrivalsBasis = Basis.NONE;
        if (load.recent().isPresent()) {
            LoadMeasurement.Window w = load.recent().get();
            double seconds = w.length().toMillis() / 1000.0;
            // Without SQS's count, what the workers finished is the arrival rate they kept up with.
            long arrived = w.sent().isPresent() ? w.sent().getAsLong() : w.processed();
            // Messages that arrived and still wait are in the backlog term already: a burst counted as
            // both would size the fleet for it twice. In a steady state the backlog is a sliver of the window.
            arrivals = Math.max(0, arrived - backlog) / seconds;
            arrivalsBasis = Basis.RECENT;
        }

        Optional<Double> drained = drained(backlog, arrivals, tasks, history, now);
        if (recent.isPresent()) {
            throughput = recent.get();
            throughputBasis = Basis.RECENT;
        } else if (longTerm.isPresent()) {
            throughput = longTerm.get();
            throughputBasis = Basis.LONG_TERM;
        } else if (drained.isPresent()) {
            throughput = drained.get();
            throughputBasis = Basis.DRAINED;
        }

        Optional<Duration> observed = observedStartLatency(tasks);
        Duration latency = observed.or(history::startLatency).orElse(policy.assumedStartLatency());
        Basis latencyBasis = observed.isPresent()
                ? Basis.OBSERVED
                : history.startLatency().isPresent() ? Basis.REMEMBERED : Basis.ASSUMED;
        return new Estimate(arrivals, arrivalsBasis, throughput, throughputBasis, latency, latencyBasis);
    }

    /**
     * Between CloudWatch's windows, a cold start's first measurement: the messages the queue lost
     * since the last cycle (plus those that arrived meanwhile) over the task-seconds ECS shows tasks
     * running since then. Only while a backlog is left, so the tasks were busy throughout; messages
     * arriving unseen make it low, which errs towards more tasks. Available one tick after the first
     * tasks start, where the workers' own reports take a minute or two to reach CloudWatch.
     */
    static Optional<Double> drained(
            long backlog, double arrivalsPerSecond, List<ObservedTask> tasks, History history, Instant now) {
        if (history.lastBacklog().isEmpty() || backlog == 0) {
            return Optional.empty();
        }
        History.BacklogMark before = history.lastBacklog().get();
        double seconds = Math.max(0, Duration.between(before.at(), now).toMillis() / 1000.0);
        double taskSeconds = 0;
        for (ObservedTask t : tasks) {
            if (t.startedAt().isPresent()) {
                Instant from =
                        t.startedAt().get().isAfter(before.at()) ? t.startedAt().get() : before.at();
                taskSeconds += Math.max(0, Duration.between(from, now).toMillis() / 1000.0);
            }
        }
        double processed = before.backlog() - backlog + arrivalsPerSecond * seconds;
        if (taskSeconds < MIN_BUSY_TASK_SECONDS || processed < MIN_PROCESSED) {
            return Optional.empty();
        }
        return Optional.of(processed / taskSeconds);
    }

    /** The median start latency of the tasks ECS shows started. */
    private static Optional<Duration> observedStartLatency(List<ObservedTask> tasks) {
        List<Duration> seen =
                tasks.stream().flatMap(t -> t.startLatency().stream()).sorted().toList();
        return seen.isEmpty() ? Optional.empty() : Optional.of(seen.get(seen.size() / 2));
    }

    private static Optional<Double> throughput(LoadMeasurement.Window w) {
        if (w.busyTaskSeconds() < MIN_BUSY_TASK_SECONDS || w.processed() < MIN_PROCESSED) {
            return Optional.empty();
        }
        return Optional.of(w.processed() / w.busyTaskSeconds());
    }

    public String describe() {
        return String.format(
                Locale.ROOT,
                "%.1f msg/s arriving (%s), %.1f msg/s per task (%s), start %ds (%s)",
                arrivalsPerSecond,
                arrivalsBasis.label(),
                throughputPerTask,
                throughputBasis.label(),
                startLatency.toSeconds(),
                startLatencyBasis.label());
    }
}
