package dev.ebb.controller.reconcile;

import dev.ebb.controller.policy.CapacityProvider;
import dev.ebb.controller.policy.ProviderShare;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Chooses which surplus tasks stop-excess stops, and says why each. */
final class SurplusPicker {

    /** A task chosen to stop and the reason, for the decision log. */
    record Pick(String id, String why) {}

    private static final Comparator<ObservedTask> NEWEST_FIRST =
            Comparator.comparing(ObservedTask::createdAt).reversed().thenComparing(ObservedTask::id);

    private SurplusPicker() {}

    /**
     * Sized by message count: never a task that may hold messages (kedacore/keda#1663, #2098): tasks
     * not yet running first (they cannot have a message), then running tasks known idle, then
     * running tasks of unknown state — but only as many of those as cannot be holding one of the
     * {@code inFlight} messages. Newest first within each group, since the oldest have most likely
     * finished their start-up cost.
     */
    static List<Pick> pickIdle(List<ObservedTask> active, int excess, long inFlight) {
        List<ObservedTask> notRunning = active.stream()
                .filter(t -> !t.state().mayHoldMessages())
                .sorted(NEWEST_FIRST)
                .toList();
        List<ObservedTask> running =
                active.stream().filter(t -> t.state().mayHoldMessages()).toList();
        List<ObservedTask> idle = running.stream()
                .filter(t -> t.busy() == Busy.NO)
                .sorted(NEWEST_FIRST)
                .toList();
        List<ObservedTask> unknown = running.stream()
                .filter(t -> t.busy() == Busy.UNKNOWN)
                .sorted(NEWEST_FIRST)
                .toList();
        long knownBusy = running.stream().filter(t -> t.busy() == Busy.YES).count();
        // Each in-flight message not accounted for by a known-busy task may sit in a different unknown task.
        long mayHold = Math.min(unknown.size(), Math.max(0, inFlight - knownBusy));
        List<Pick> picks = new ArrayList<>();
        notRunning.forEach(t -> picks.add(new Pick(t.id(), "not running yet")));
        idle.forEach(t -> picks.add(new Pick(t.id(), "idle")));
        unknown.subList(0, (int) (unknown.size() - mayHold))
                .forEach(t -> picks.add(new Pick(t.id(), "cannot hold one of the in-flight messages")));
        return picks.stream().limit(Math.max(0, excess)).toList();
    }

    /**
     * Sized by work, under continuing load: a stopped worker finishes or releases what it holds
     * (SIGTERM, then EBB_GRACE_SECONDS within ECS's stopTimeout), so any task may go. The cheapest
     * choice first: tasks not running yet (no work started), then idle ones, then, one at a time,
     * a task of the provider furthest above its share of the strategy — on-demand beyond its base
     * before Spot — newest first, and tasks known busy last.
     */
    static List<Pick> pickCheapest(List<ObservedTask> active, int excess, List<ProviderShare> strategy) {
        List<ObservedTask> left = new ArrayList<>(active);
        List<Pick> picks = new ArrayList<>();
        while (picks.size() < excess && !left.isEmpty()) {
            ObservedTask next = left.stream()
                    .filter(t -> !t.state().mayHoldMessages())
                    .min(NEWEST_FIRST)
                    .orElse(null);
            String why = "not running yet";
            if (next == null) {
                next = left.stream()
                        .filter(t -> t.busy() == Busy.NO)
                        .min(NEWEST_FIRST)
                        .orElse(null);
                why = "idle";
            }
            if (next == null) {
                CapacityProvider over = mostAboveShare(left, strategy);
                List<ObservedTask> notBusy =
                        left.stream().filter(t -> t.busy() != Busy.YES).toList();
                List<ObservedTask> pool = notBusy.isEmpty() ? left : notBusy;
                next = pool.stream()
                        .filter(t -> t.provider().orElse(null) == over)
                        .min(NEWEST_FIRST)
                        .orElseGet(() -> pool.stream().min(NEWEST_FIRST).orElseThrow());
                why = next.provider().map(p -> p + " above its share").orElse("newest")
                        + (notBusy.isEmpty() ? "; finishes its messages first" : "");
            }
            left.remove(next);
            picks.add(new Pick(next.id(), why));
        }
        return picks;
    }

    /** The inverse of {@link ProviderSplit}: the provider whose tasks beyond its base most exceed its weight. */
    private static CapacityProvider mostAboveShare(List<ObservedTask> tasks, List<ProviderShare> strategy) {
        Map<CapacityProvider, Integer> counts = new EnumMap<>(CapacityProvider.class);
        tasks.forEach(t -> t.provider().ifPresent(p -> counts.merge(p, 1, Integer::sum)));
        CapacityProvider best = null;
        double bestExcess = Double.NEGATIVE_INFINITY;
        for (ProviderShare s : strategy) {
            int beyondBase = counts.getOrDefault(s.provider(), 0) - s.base();
            if (beyondBase <= 0) {
                continue;
            }
            double excess = s.weight() == 0 ? Double.POSITIVE_INFINITY : (double) beyondBase / s.weight();
            if (excess > bestExcess) {
                best = s.provider();
                bestExcess = excess;
            }
        }
        return best;
    }
}
