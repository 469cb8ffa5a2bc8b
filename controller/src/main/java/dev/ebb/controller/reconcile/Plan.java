package dev.ebb.controller.reconcile;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one reconcile: the numbers it was computed from, what to do, and why.
 *
 * @param backlog the messages counted under the policy
 * @param active tasks counting as capacity (see {@link TaskState#isActive()})
 * @param desired the policy's task count for this observation, clamped and after activation
 * @param why one sentence for humans, with the numbers that led to {@code reason}
 * @param history to pass into the next cycle's observation
 * @param estimate the rates a work-sized policy planned with; empty when sized by message count
 */
public record Plan(
        long backlog,
        int active,
        int desired,
        Action action,
        Reason reason,
        String why,
        History history,
        Optional<Estimate> estimate) {

    /** The decision line and the metrics print these as they are: a negative count would be a lie. */
    public Plan {
        if (backlog < 0 || active < 0 || desired < 0) {
            throw new IllegalArgumentException(
                    "backlog, active and desired cannot be negative, got " + backlog + ", " + active + ", " + desired);
        }
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(why, "why");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(estimate, "estimate");
    }

    public Plan(long backlog, int active, int desired, Action action, Reason reason, String why, History history) {
        this(backlog, active, desired, action, reason, why, history, Optional.empty());
    }
}
