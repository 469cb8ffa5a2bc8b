package dev.ebb.simulator;

import dev.ebb.controller.reconcile.Reason;
import dev.ebb.simulator.metrics.Cost;
import dev.ebb.simulator.metrics.Timeline;
import java.util.Map;

/**
 * What one policy did with one load.
 *
 * @param waitP50Millis arrival → start of the processing attempt that finished; -1 if none started
 * @param timeToDrainMillis from the last arrival until no message is left (visible, in flight or
 *     delayed); -1 if the queue was not empty at the end
 * @param maxBacklog most messages not yet deleted (visible + in flight + delayed) at any time
 * @param waitMaxMillis the longest wait, to the histogram's precision; -1 if none started
 * @param launchesWithoutWork tasks that exited or were stopped without finishing a message (tasks
 *     still up at the end are not counted)
 * @param idleTaskMillis time running tasks held no message (the idle window before exit included)
 * @param redelivered messages received again after their task died or was stopped
 * @param endedMillis when the run ended: at the duration, or once the load was done, the queue empty
 *     and every task gone
 */
public record RunResult(
        String policy,
        long arrived,
        long processed,
        long maxBacklog,
        long waitP50Millis,
        long waitP95Millis,
        long waitP99Millis,
        long waitMaxMillis,
        long timeToDrainMillis,
        Cost cost,
        long launches,
        long runTaskCalls,
        long launchFailures,
        long spotFallbacks,
        long spotInterruptions,
        long stoppedByController,
        long redelivered,
        long idleTaskMillis,
        long launchesWithoutWork,
        int peakTasks,
        Map<Reason, Long> reasons,
        Timeline timeline,
        long endedMillis,
        long events,
        long wallNanos) {

    public RunResult {
        reasons = Map.copyOf(reasons);
    }

    public boolean drained() {
        return timeToDrainMillis >= 0;
    }
}
