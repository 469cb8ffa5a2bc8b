package dev.ebb.controller.reconcile;

import dev.ebb.controller.policy.Sizing;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The arithmetic of sizing by work (docs/controller.md, "Sizing by work"), one step per method so
 * tables can test each. Rates are per second; a task's capacity is planned at the target utilization.
 */
final class WorkFormula {

    /** Scale-in keeps this much more than the work needs (HPA's tolerance), so noise does not flap the fleet. */
    static final double SCALE_IN_TOLERANCE = 0.10;
    /** A ceiling of x − ε: 2.0000000001 tasks is 2, not 3. */
    private static final double EPSILON = 1e-9;

    private WorkFormula() {}

    /** (arrivals + backlog / drainWithin) / (throughput × utilization): tasks, as a fraction. */
    static double tasksNeeded(long backlog, Estimate e, Sizing.ByWork w) {
        double drainSeconds = w.drainWithin().toMillis() / 1000.0;
        return (e.arrivalsPerSecond() + backlog / drainSeconds) / (e.throughputPerTask() * w.targetUtilization());
    }

    /** The whole number of tasks; 0 when waking from zero for fewer than activationMessages. */
    static long raw(double needed, long backlog, int activationMessages, int active) {
        if (active == 0 && backlog < Math.max(1, activationMessages)) {
            return 0;
        }
        long tasks = (long) Math.ceil(needed - EPSILON);
        return backlog > 0 ? Math.max(1, tasks) : tasks;
    }

    /** What scale-in may go down to: the work plus the tolerance. */
    static long keepForTolerance(double needed) {
        return (long) Math.ceil(needed * (1 + SCALE_IN_TOLERANCE) - EPSILON);
    }

    /**
     * The backlog left when a task launched now would start working: what the running tasks and the
     * pending ones (once up) do not finish by then, given the arrivals meanwhile.
     */
    static double backlogAtStart(long backlog, Estimate e, List<ObservedTask> active, Instant now) {
        double latency = e.startLatency().toMillis() / 1000.0;
        double taskSeconds = 0;
        for (ObservedTask t : active) {
            if (t.state().mayHoldMessages()) {
                taskSeconds += latency;
            } else {
                double age = Math.max(0, Duration.between(t.createdAt(), now).toMillis() / 1000.0);
                taskSeconds += Math.min(latency, age); // a pending task comes up latency after its launch
            }
        }
        return Math.max(0, backlog + e.arrivalsPerSecond() * latency - e.throughputPerTask() * taskSeconds);
    }

    /**
     * Whether a task launched now would find work when it comes up: not if the active tasks, working
     * flat out, finish the backlog before then ({@link #backlogAtStart} is 0) and keep up with the
     * arrivals at the target utilization.
     */
    static boolean launchWouldFindWork(
            long backlog, Estimate e, Sizing.ByWork w, List<ObservedTask> active, Instant now) {
        return backlogAtStart(backlog, e, active, now) > 0
                || e.arrivalsPerSecond() > e.throughputPerTask() * w.targetUtilization() * active.size();
    }

    /**
     * How many tasks may be active while the throughput is still the policy's guess: half the
     * desired count, or twice what is active, whichever is more (TCP's slow start). A guess that is
     * too slow would otherwise launch every task at once for a worker that needs a few; the fleet
     * reaches the full count a tick later if the measurement still says so.
     */
    static int unmeasuredCeiling(int desired, int active) {
        return Math.min(desired, Math.max((desired + 1) / 2, 2 * active));
    }
}
