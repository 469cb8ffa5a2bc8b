package dev.ebb.controller.policy;

import java.time.Duration;

/**
 * How the controller turns what it observes into a task count: by work (the default: measured
 * throughput, arrival rate and a drain-time goal) or by message count (the original blueprint's
 * rule, kept so existing policy files work unchanged).
 */
public sealed interface Sizing {

    /** {@code desired = ceil(backlog / targetMessagesPerTask)}: blind to how fast a task works. */
    record ByMessages(int targetMessagesPerTask) implements Sizing {
        public ByMessages {
            if (targetMessagesPerTask < 1) {
                throw new IllegalArgumentException(
                        "targetMessagesPerTask must be at least 1, got " + targetMessagesPerTask);
            }
        }
    }

    /**
     * Enough tasks to keep up with the arrival rate and work off any backlog within
     * {@code drainWithin}, each planned at {@code targetUtilizationPercent} of the throughput the
     * workers report.
     *
     * @param assumedThroughputPerTask messages per second one task is assumed to finish until the
     *     workers have reported (cold start); a guess on the slow side launches more at first, never fewer
     * @param assumedStartLatency RunTask until a task polls, until ECS has shown some
     */
    record ByWork(
            Duration drainWithin,
            int targetUtilizationPercent,
            double assumedThroughputPerTask,
            Duration assumedStartLatency)
            implements Sizing {
        public ByWork {
            if (drainWithin.isNegative() || drainWithin.isZero()) {
                throw new IllegalArgumentException("drainWithin must be above 0, got " + drainWithin);
            }
            if (targetUtilizationPercent < 1 || targetUtilizationPercent > 100) {
                throw new IllegalArgumentException(
                        "targetUtilization must be 1 to 100 percent, got " + targetUtilizationPercent);
            }
            if (!(assumedThroughputPerTask > 0) || Double.isInfinite(assumedThroughputPerTask)) {
                throw new IllegalArgumentException(
                        "assumedThroughputPerTask must be above 0, got " + assumedThroughputPerTask);
            }
            if (assumedStartLatency.isNegative()) {
                throw new IllegalArgumentException(
                        "assumedStartLatency cannot be negative, got " + assumedStartLatency);
            }
        }

        public double targetUtilization() {
            return targetUtilizationPercent / 100.0;
        }
    }
}
