package dev.ebb.controller.policy;

import java.util.List;

/**
 * A validated {@code ScalingPolicy} spec. Only {@link PolicyParser} builds these from files, so every
 * instance has passed the same rules as {@code config/scaling-policy.schema.json}.
 *
 * @param activationMessages wake from zero tasks only when the backlog reaches this many messages
 * @param spotFallback on a Spot capacity shortage, launch the shortfall on FARGATE instead
 */
public record ScalingPolicy(
        String name,
        boolean paused,
        int targetMessagesPerTask,
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
        capacityProviders = List.copyOf(capacityProviders);
    }
}
