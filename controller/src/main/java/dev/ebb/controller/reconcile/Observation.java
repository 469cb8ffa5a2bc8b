package dev.ebb.controller.reconcile;

import java.util.List;
import java.util.Objects;

/**
 * What the controller sees at the start of a cycle: the queue, the tasks it started (by its
 * startedBy), what its throughput source measured, and what it remembers from earlier cycles (see
 * {@link History}).
 */
public record Observation(QueueSnapshot queue, List<ObservedTask> tasks, History history, LoadMeasurement load) {

    public Observation {
        Objects.requireNonNull(queue, "queue");
        tasks = List.copyOf(tasks);
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(load, "load");
    }

    public Observation(QueueSnapshot queue, List<ObservedTask> tasks, History history) {
        this(queue, tasks, history, LoadMeasurement.UNKNOWN);
    }

    public Observation(QueueSnapshot queue, List<ObservedTask> tasks) {
        this(queue, tasks, History.EMPTY, LoadMeasurement.UNKNOWN);
    }

    public List<ObservedTask> activeTasks() {
        return tasks.stream().filter(t -> t.state().isActive()).toList();
    }
}
