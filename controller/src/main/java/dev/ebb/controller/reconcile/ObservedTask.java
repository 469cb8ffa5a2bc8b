package dev.ebb.controller.reconcile;

import dev.ebb.controller.policy.CapacityProvider;
import java.time.Instant;
import java.util.Optional;

/**
 * One task this controller started, as ECS reports it now.
 *
 * @param provider empty when ECS does not say (e.g. a task started with a launch type)
 */
public record ObservedTask(String id, TaskState state, Optional<CapacityProvider> provider, Instant createdAt, Busy busy) {

    public static ObservedTask of(String id, TaskState state, CapacityProvider provider, Instant createdAt) {
        return new ObservedTask(id, state, Optional.ofNullable(provider), createdAt, Busy.UNKNOWN);
    }
}
