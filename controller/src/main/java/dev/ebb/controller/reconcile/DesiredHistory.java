package dev.ebb.controller.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The desired counts of recent cycles: the one piece of state the reconciler cannot read from the
 * world (SQS reports depth now, not a minute ago). It is passed in and handed back in every plan;
 * whoever runs the loop keeps it. Losing it is safe: with too short a history nothing is stopped.
 */
public record DesiredHistory(List<Sample> samples) {

    public record Sample(Instant at, int desired) {}

    public static final DesiredHistory EMPTY = new DesiredHistory(List.of());

    public DesiredHistory {
        samples = List.copyOf(samples);
    }

    /** Adds this cycle's desired count; keeps the window plus one older sample proving it is covered. */
    public DesiredHistory record(Instant now, int desired, Duration window) {
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
        return new DesiredHistory(kept);
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
        return samples.isEmpty() ? Duration.ZERO : Duration.between(samples.getFirst().at(), now);
    }
}
