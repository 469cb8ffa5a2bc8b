package dev.ebb.controller.reconcile;

import dev.ebb.controller.policy.ScalingPolicy;

/** The message-count arithmetic of docs/controller.md, one step per method so tables can test each. */
final class Formula {

    private Formula() {}

    /** visible, plus in-flight and delayed if the policy counts them. */
    static long backlog(QueueSnapshot q, ScalingPolicy p) {
        return q.visible() + (p.countInFlight() ? q.inFlight() : 0) + (p.countDelayed() ? q.delayed() : 0);
    }

    /**
     * ceil(backlog / target) before clamping; 0 when waking from zero for fewer than
     * {@code activationMessages} messages.
     */
    static long raw(long backlog, int targetMessagesPerTask, int activationMessages, int active) {
        if (active == 0 && backlog < activationMessages) {
            return 0;
        }
        return (backlog + targetMessagesPerTask - 1) / targetMessagesPerTask;
    }

    static int clamp(long raw, ScalingPolicy p) {
        return (int) Math.max(p.minTasks(), Math.min(p.maxTasks(), raw));
    }
}
