package dev.ebb.controller.reconcile;

import dev.ebb.controller.policy.CapacityProvider;
import dev.ebb.controller.policy.ProviderShare;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Splits new launches across capacity providers the way ECS reads a strategy, counting the tasks
 * already active: first fill the provider with a base up to that base, then give each further task
 * to the weighted provider furthest below its share (ties: the one listed first). The controller
 * splits by itself, one provider per RunTask, so it knows which launches Spot refused.
 */
public final class ProviderSplit {

    private ProviderSplit() {}

    public static List<Slice> split(List<ProviderShare> strategy, Map<CapacityProvider, Integer> active, int launches) {
        Map<CapacityProvider, Integer> counts = new EnumMap<>(CapacityProvider.class);
        Map<CapacityProvider, Integer> added = new EnumMap<>(CapacityProvider.class);
        for (ProviderShare s : strategy) {
            counts.put(s.provider(), active.getOrDefault(s.provider(), 0));
        }
        for (int i = 0; i < launches; i++) {
            ProviderShare next = baseShort(strategy, counts);
            if (next == null) {
                next = mostUnderShare(strategy, counts);
            }
            counts.merge(next.provider(), 1, Integer::sum);
            added.merge(next.provider(), 1, Integer::sum);
        }
        List<Slice> slices = new ArrayList<>();
        for (ProviderShare s : strategy) {
            int n = added.getOrDefault(s.provider(), 0);
            if (n > 0) {
                slices.add(new Slice(s.provider(), n));
            }
        }
        return slices;
    }

    private static ProviderShare baseShort(List<ProviderShare> strategy, Map<CapacityProvider, Integer> counts) {
        for (ProviderShare s : strategy) {
            if (counts.get(s.provider()) < s.base()) {
                return s;
            }
        }
        return null;
    }

    private static ProviderShare mostUnderShare(List<ProviderShare> strategy, Map<CapacityProvider, Integer> counts) {
        ProviderShare best = null;
        long bestNumerator = 0;
        long bestWeight = 1;
        for (ProviderShare s : strategy) {
            if (s.weight() == 0) {
                continue;
            }
            // Compare (beyondBase + 1) / weight without division: a/b < c/d  ⇔  a·d < c·b.
            long numerator = Math.max(0, counts.get(s.provider()) - s.base()) + 1L;
            if (best == null || numerator * bestWeight < bestNumerator * s.weight()) {
                best = s;
                bestNumerator = numerator;
                bestWeight = s.weight();
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("strategy has no weight above 0; the policy parser rejects that");
        }
        return best;
    }
}
