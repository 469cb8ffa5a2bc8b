package dev.ebb.controller.policy;

/**
 * One entry of the capacity provider strategy, with ECS's meaning: the first {@code base} tasks go to
 * this provider, the rest are shared in proportion to {@code weight}.
 */
public record ProviderShare(CapacityProvider provider, int base, int weight) {}
