package dev.ebb.controller.reconcile;

import dev.ebb.controller.policy.CapacityProvider;

/** Launch {@code count} tasks on one capacity provider. */
public record Slice(CapacityProvider provider, int count) {}
