package dev.ebb.controller.policy;

import java.util.Objects;

/**
 * One entry of the capacity provider strategy, with ECS's meaning: the first {@code base} tasks go to
 * this provider, the rest are shared in proportion to {@code weight}.
 */
public record ProviderShare(CapacityProvider provider, int base, int weight) {

    /** A negative weight would make {@code ProviderSplit} favour the provider it should starve. */
    public ProviderShare {
        Objects.requireNonNull(provider, "provider");
        if (base < 0 || weight < 0) {
            throw new IllegalArgumentException(
                    "base and weight cannot be negative, got base " + base + ", weight " + weight + " on " + provider);
        }
    }
}
