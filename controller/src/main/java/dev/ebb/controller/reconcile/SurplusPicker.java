package dev.ebb.controller.reconcile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses which surplus tasks stop-excess may stop, never one that may hold messages
 * (kedacore/keda#1663, #2098): tasks not yet running first (they cannot have a message), then
 * running tasks known idle, then running tasks of unknown state — but only as many of those as
 * cannot be holding one of the {@code inFlight} messages. Newest first within each group, since
 * the oldest have most likely finished their start-up cost.
 */
final class SurplusPicker {

    private SurplusPicker() {}

    static List<String> pick(List<ObservedTask> active, int excess, long inFlight) {
        Comparator<ObservedTask> newestFirst = Comparator.comparing(ObservedTask::createdAt).reversed()
                .thenComparing(ObservedTask::id);
        List<ObservedTask> notRunning = active.stream().filter(t -> !t.state().mayHoldMessages()).sorted(newestFirst).toList();
        List<ObservedTask> running = active.stream().filter(t -> t.state().mayHoldMessages()).toList();
        List<ObservedTask> idle = running.stream().filter(t -> t.busy() == Busy.NO).sorted(newestFirst).toList();
        List<ObservedTask> unknown = running.stream().filter(t -> t.busy() == Busy.UNKNOWN).sorted(newestFirst).toList();
        long knownBusy = running.stream().filter(t -> t.busy() == Busy.YES).count();
        // Each in-flight message not accounted for by a known-busy task may sit in a different unknown task.
        long mayHold = Math.min(unknown.size(), Math.max(0, inFlight - knownBusy));
        List<ObservedTask> candidates = new ArrayList<>(notRunning);
        candidates.addAll(idle);
        candidates.addAll(unknown.subList(0, (int) (unknown.size() - mayHold)));
        return candidates.stream().limit(Math.max(0, excess)).map(ObservedTask::id).toList();
    }
}
