package dev.ebb.simulator.metrics;

import dev.ebb.controller.policy.CapacityProvider;
import java.util.EnumMap;
import java.util.Map;

/**
 * Billed task time per capacity provider, the way Fargate bills: from launch (image pull) until the
 * task stops, rounded up to the second, one minute at least.
 */
public final class Usage {

    public static final long MINIMUM_MILLIS = 60_000;

    private final Map<CapacityProvider, Long> billedMillis = new EnumMap<>(CapacityProvider.class);

    /** Adds one task's run; returns the billed milliseconds. */
    public long addTask(CapacityProvider provider, long launchedAt, long stoppedAt) {
        long billed = billedMillis(stoppedAt - launchedAt);
        billedMillis.merge(provider, billed, Long::sum);
        return billed;
    }

    public static long billedMillis(long ranMillis) {
        long seconds = (Math.max(0, ranMillis) + 999) / 1000;
        return Math.max(MINIMUM_MILLIS, seconds * 1000);
    }

    public long billedMillis(CapacityProvider provider) {
        return billedMillis.getOrDefault(provider, 0L);
    }

    public long totalBilledMillis() {
        return billedMillis.values().stream().mapToLong(Long::longValue).sum();
    }
}
