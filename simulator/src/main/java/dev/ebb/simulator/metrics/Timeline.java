package dev.ebb.simulator.metrics;

import java.util.Arrays;

/** Backlog and task count sampled at a fixed interval, for the chart. */
public final class Timeline {

    private long[] times = new long[1024];
    private long[] backlog = new long[1024];
    private int[] tasks = new int[1024];
    private int n;

    public void record(long time, long messages, int taskCount) {
        if (n == times.length) {
            times = Arrays.copyOf(times, n * 2);
            backlog = Arrays.copyOf(backlog, n * 2);
            tasks = Arrays.copyOf(tasks, n * 2);
        }
        times[n] = time;
        backlog[n] = messages;
        tasks[n++] = taskCount;
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

    public int tasks(int i) {
        return tasks[i];
    }
}
