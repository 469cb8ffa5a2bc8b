package dev.ebb.controller.reconcile;

import java.util.List;

/** The one thing a cycle does. */
public sealed interface Action {

    record Launch(List<Slice> slices) implements Action {
        public Launch {
            slices = List.copyOf(slices);
        }

        public int total() {
            return slices.stream().mapToInt(Slice::count).sum();
        }
    }

    /** Stop these task ids (ARNs); only ever produced in stop-excess mode. */
    record Stop(List<String> taskIds) implements Action {
        public Stop {
            taskIds = List.copyOf(taskIds);
        }
    }

    record Hold() implements Action {}

    Hold HOLD = new Hold();
}
