package dev.ebb.controller.reconcile;

import java.util.List;

/**
 * What the controller sees at the start of a cycle: the queue, the tasks it started (by its
 * startedBy), and the desired counts it remembers from earlier cycles (see {@link DesiredHistory}).
 */
public record Observation(QueueSnapshot queue, List<ObservedTask> tasks, DesiredHistory history) {

    public Observation {
        tasks = List.copyOf(tasks);
    }

    public Observation(QueueSnapshot queue, List<ObservedTask> tasks) {
        this(queue, tasks, DesiredHistory.EMPTY);
    }

    public List<ObservedTask> activeTasks() {
        return tasks.stream().filter(t -> t.state().isActive()).toList();
    }
}
