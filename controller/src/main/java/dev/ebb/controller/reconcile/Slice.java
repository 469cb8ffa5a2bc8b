package dev.ebb.controller.reconcile;

import dev.ebb.controller.policy.CapacityProvider;
import java.util.Objects;

/** Launch {@code count} tasks on one capacity provider. */
public record Slice(CapacityProvider provider, int count) {

    /** A slice of 0 would be a RunTask of count 0, which ECS rejects, and a launch that did nothing. */
    public Slice {
        Objects.requireNonNull(provider, "provider");
        if (count < 1) {
            throw new IllegalArgumentException("a slice launches at least 1 task, got " + count + " on " + provider);
        }
    }
}
