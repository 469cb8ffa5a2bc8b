package dev.ebb.controller.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the reconciler remembers between cycles, because the world does not say it: the desired
 * counts of recent cycles (SQS reports depth now, not a minute ago), the stops made within the last
 * hour (the hourly bound) and the last start latency ECS showed (for when no task is left to show
 * one), and the backlog it saw last (to measure what the queue drained since). It is passed in and handed back in every plan; whoever runs the loop keeps it. Losing it is
 * safe: with too short a history nothing is stopped, and latency falls back to the policy's guess.
 */
public record History(
        List<Sample> samples, List<Instant> stops, Optional<Duration> startLatency, Optional<BacklogMark> lastBacklog) {

    public record Sample(Instant at, int desired) {}

    /** The backlog the previous cycle saw: what the queue drained since is measured against it. */
    public record BacklogMark(Instant at, long backlog) {}

    public static final History EMPTY = new History(List.of(), List.of(), Optional.empty(), Optional.empty());

    private static final Duration STOP_MEMORY = Duration.ofHours(1);

    public History {
        samples = List.copyOf(samples);
        stops = List.copyOf(stops);
    }

    public History(List<Sample> samples) {
        this(samples, List.of(), Optional.empty(), Optional.empty());
    }

    /** Adds this cycle's desired count; keeps the window plus one older sample proving it is covered. */
    public History record(Instant now, int desired, Duration window) {
        Instant start = now.minus(window);
        List<Sample> kept = new ArrayList<>();
        Sample anchor = null;
        for (Sample s : samples) {
            if (s.at().isAfter(now)) {
                continue; // a clock that went backwards; never trust the future
            }
            if (s.at().isBefore(start) || s.at().equals(start)) {
                anchor = anchor == null || s.at().isAfter(anchor.at()) ? s : anchor;
            } else {
                kept.add(s);
            }
        }
        if (anchor != null) {
            kept.addFirst(anchor);
        }
        kept.add(new Sample(now, desired));
        List<Instant> recentStops = stops.stream()
                .filter(t -> !t.isAfter(now) && t.isAfter(now.minus(STOP_MEMORY)))
                .toList();
        return new History(kept, recentStops, startLatency, lastBacklog);
    }

    /** The same history with {@code count} stops made at {@code now}. */
    public History withStops(Instant now, int count) {
        List<Instant> all = new ArrayList<>(stops);
        for (int i = 0; i < count; i++) {
            all.add(now);
        }
        return new History(samples, all, startLatency, lastBacklog);
    }

    public History withStartLatency(Duration latency) {
        return new History(samples, stops, Optional.of(latency), lastBacklog);
    }

    public History withBacklog(Instant at, long backlog) {
        return new History(samples, stops, startLatency, Optional.of(new BacklogMark(at, backlog)));
    }

    /** Stops made within the hour before {@code now}. */
    public int stopsWithinHour(Instant now) {
        return (int) stops.stream()
                .filter(t -> !t.isAfter(now) && t.isAfter(now.minus(STOP_MEMORY)))
                .count();
    }

    /** True when some sample is at least {@code window} old, so the window has been watched throughout. */
    public boolean covers(Instant now, Duration window) {
        Instant start = now.minus(window);
        return window.isZero() || samples.stream().anyMatch(s -> !s.at().isAfter(start));
    }

    /** The highest desired count seen within the window (HPA's scale-down stabilization rule). */
    public int maxWithin(Instant now, Duration window, int current) {
        Instant start = now.minus(window);
        return samples.stream()
                .filter(s -> s.at().isAfter(start) && !s.at().isAfter(now))
                .mapToInt(Sample::desired)
                .reduce(current, Math::max);
    }

    /** How long the history reaches back from {@code now}. */
    public Duration span(Instant now) {
        return samples.isEmpty()
                ? Duration.ZERO
                : Duration.between(samples.getFirst().at(), now);
    }
}
