package dev.ebb.simulator.metrics;

import java.util.Arrays;

/** Backlog and tasks (starting, busy, idle) sampled at a fixed interval, for the chart. */
public final class Timeline {

    /** What a task is doing at a sample. */
    public enum TaskPhase {
        /** Launched, not polling yet (PROVISIONING … until the worker's first receive). */
        STARTING,
        /** Running with at least one message in hand. */
        BUSY,
        /** Running with none: paid for, doing nothing. */
        IDLE
    }

    private long[] times = new long[1024];
    private long[] backlog = new long[1024];
    private int[][] tasks = new int[TaskPhase.values().length][1024];
    private int n;

    /** @param byPhase tasks per {@link TaskPhase}, in its order */
    public void record(long time, long messages, int[] byPhase) {
        if (n == times.length) {
            times = Arrays.copyOf(times, n * 2);
            backlog = Arrays.copyOf(backlog, n * 2);
            for (int k = 0; k < tasks.length; k++) {
                tasks[k] = Arrays.copyOf(tasks[k], n * 2);
            }
        }
        times[n] = time;
        backlog[n] = messages;
        for (int k = 0; k < tasks.length; k++) {
            tasks[k][n] = byPhase[k];
        }
        n++;
    }

    public int size() {
        return n;
    }

    public long time(int i) {
        return times[i];
    }

    public long backlog(int i) {
        return backlog[i];
    }

    /** Every task up at sample {@code i}. */
    public int tasks(int i) {
        int sum = 0;
        for (int[] phase : tasks) {
            sum += phase[i];
        }
        return sum;
    }

    // EnumOrdinal: the private columns are the phases in their declared order, as record() takes them
    @SuppressWarnings("EnumOrdinal")
    public int tasks(TaskPhase phase, int i) {
        return tasks[phase.ordinal()][i];
    }
}
