package dev.ebb.controller.policy;

import java.util.List;
import java.util.Objects;

/**
 * A validated {@code ScalingPolicy} spec. {@link PolicyParser} builds these from files with
 * line-and-column errors; the compact constructor enforces the same invariants on a policy built in
 * code, so no instance can reach the reconciler with, say, minTasks above maxTasks.
 *
 * @param activationMessages wake from zero tasks only when the backlog reaches this many messages
 * @param spotFallback on a Spot capacity shortage, launch the shortfall on FARGATE instead
 */
public record ScalingPolicy(
        String name,
        boolean paused,
        Sizing sizing,
        int minTasks,
        int maxTasks,
        int activationMessages,
        boolean countInFlight,
        boolean countDelayed,
        int maxLaunchesPerCycle,
        List<ProviderShare> capacityProviders,
        boolean spotFallback,
        ScaleDown scaleDown) {

    public ScalingPolicy {
        Objects.requireNonNull(name, "name");
        capacityProviders = List.copyOf(capacityProviders);
        if (sizing == null || scaleDown == null) {
            throw new IllegalArgumentException("sizing and scaleDown are required");
        }
        if (minTasks < 0 || maxTasks < 1 || minTasks > maxTasks) {
            throw new IllegalArgumentException(
                    "need 0 <= minTasks <= maxTasks and maxTasks >= 1, got " + minTasks + ".." + maxTasks);
        }
        if (activationMessages < 0 || maxLaunchesPerCycle < 1) {
            throw new IllegalArgumentException("activationMessages must be >= 0 and maxLaunchesPerCycle >= 1");
        }
        if (capacityProviders.isEmpty() || capacityProviders.stream().allMatch(s -> s.weight() == 0)) {
            throw new IllegalArgumentException("capacityProviders needs at least one provider with a weight above 0");
        }
        // ProviderSplit counts tasks by provider: a provider listed twice would count twice its weight
        if (capacityProviders.stream().map(ProviderShare::provider).distinct().count() < capacityProviders.size()) {
            throw new IllegalArgumentException("each capacity provider may be listed once, got " + capacityProviders);
        }
        if (capacityProviders.stream().filter(s -> s.base() > 0).count() > 1) {
            throw new IllegalArgumentException("a base may be set on one capacity provider only");
        }
    }
}
