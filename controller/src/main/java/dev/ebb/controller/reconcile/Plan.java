package dev.ebb.controller.reconcile;

/**
 * The outcome of one reconcile: the numbers it was computed from, what to do, and why.
 *
 * @param backlog the messages counted under the policy
 * @param active tasks counting as capacity (see {@link TaskState#isActive()})
 * @param desired clamp(ceil(backlog / target), min, max), after activation
 * @param why one sentence for humans, with the numbers that led to {@code reason}
 * @param history to pass into the next cycle's observation
 */
public record Plan(long backlog, int active, int desired, Action action, Reason reason, String why, DesiredHistory history) {}
