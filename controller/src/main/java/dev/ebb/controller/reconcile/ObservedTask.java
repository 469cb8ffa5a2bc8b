package dev.ebb.controller.reconcile;

import dev.ebb.controller.policy.CapacityProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One task this controller started, as ECS reports it now.
 *
 * @param provider empty when ECS does not say (e.g. a task started with a launch type)
 * @param startedAt when its containers started (ECS {@code startedAt}); empty while it starts up
 */
public record ObservedTask(
        String id,
        TaskState state,
        Optional<CapacityProvider> provider,
        Instant createdAt,
        Busy busy,
        Optional<Instant> startedAt) {

    public ObservedTask {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(busy, "busy");
        Objects.requireNonNull(startedAt, "startedAt");
    }

    public ObservedTask(String id, TaskState state, Optional<CapacityProvider> provider, Instant createdAt, Busy busy) {
        this(id, state, provider, createdAt, busy, Optional.empty());
    }

    public static ObservedTask of(String id, TaskState state, CapacityProvider provider, Instant createdAt) {
        return new ObservedTask(id, state, Optional.ofNullable(provider), createdAt, Busy.UNKNOWN);
    }

    /** RunTask until the containers started, when ECS has shown both. */
    public Optional<Duration> startLatency() {
        return startedAt.filter(s -> !s.isBefore(createdAt)).map(s -> Duration.between(createdAt, s));
    }
}
