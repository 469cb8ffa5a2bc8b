package dev.ebb.controller.reconcile;

import java.util.Collections;
import java.util.List;

/** The one thing a cycle does. */
public sealed interface Action {

    record Launch(List<Slice> slices) implements Action {
        /** At least one slice: a launch of nothing would read as a launch in the decision line and in launch-failed. */
        public Launch {
            slices = List.copyOf(slices);
            if (slices.isEmpty()) {
                throw new IllegalArgumentException("a launch needs at least one slice; hold instead");
            }
        }
    }

    /**
     * Stop these task ids (ARNs), each with why it was chosen; only ever produced in stop-excess
     * mode. ECS sends SIGTERM: the worker stops receiving, finishes or releases what it holds.
     */
    record Stop(List<String> taskIds, List<String> reasons) implements Action {
        public Stop {
            taskIds = List.copyOf(taskIds);
            reasons = List.copyOf(reasons);
            if (reasons.size() != taskIds.size()) {
                throw new IllegalArgumentException(
                        "one reason per task: " + taskIds.size() + " tasks, " + reasons.size() + " reasons");
            }
        }

        public Stop(List<String> taskIds) {
            this(taskIds, Collections.nCopies(taskIds.size(), "surplus"));
        }
    }

    record Hold() implements Action {}

    Hold HOLD = new Hold();
}
