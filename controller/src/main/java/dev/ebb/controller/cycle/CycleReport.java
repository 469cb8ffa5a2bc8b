package dev.ebb.controller.cycle;

import dev.ebb.controller.act.PlanOutcome;
import dev.ebb.controller.errors.ErrorKind;
import dev.ebb.controller.policy.PolicyError;
import dev.ebb.controller.reconcile.Action;
import dev.ebb.controller.reconcile.ObservedTask;
import dev.ebb.controller.reconcile.Plan;
import dev.ebb.controller.reconcile.QueueSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything one cycle saw, decided and did; rendered as the decision log line.
 *
 * @param error why the cycle failed, or (status OK) a warning about the policy store
 * @param errorKind present exactly when the status is not OK: what the failure means for the next cycle
 * @param trace the stack trace of a {@link ErrorKind#PROGRAMMING programming error}, and only of one
 */
public record CycleReport(
        Status status,
        Instant scheduledAt,
        boolean dryRun,
        String policyName,
        List<PolicyError> policyErrors,
        Optional<QueueSnapshot> queue,
        List<ObservedTask> tasks,
        Optional<Plan> plan,
        PlanOutcome outcome,
        Optional<String> error,
        Optional<ErrorKind> errorKind,
        Optional<String> trace) {

    public enum Status {
        /** Observed, planned and (unless dry-run) acted. */
        OK,
        /** The policy file is invalid: terminal, nothing observed or touched until it is fixed. */
        POLICY_INVALID,
        /** The environment is incomplete: terminal like a bad policy. */
        SETTINGS_INVALID,
        /** An AWS call failed after retries; the next cycle tries again. */
        ERROR,
        /**
         * The plan launched tasks and not one started: every RunTask raised or was refused (e.g. a
         * task definition, subnet or role that does not exist). An error like {@link #ERROR}, so the
         * Errors metric and its alarm see it; the next cycle tries again.
         */
        LAUNCH_FAILED
    }

    /** OK, unless the plan launched and not one task started. */
    public static Status statusOf(Action action, PlanOutcome outcome) {
        return action instanceof Action.Launch
                        && outcome.launched().isEmpty()
                        && !outcome.failures().isEmpty()
                ? Status.LAUNCH_FAILED
                : Status.OK;
    }

    /**
     * The kind a status has; {@link Status#ERROR}'s depends on what was thrown, so it is given. A cycle
     * in which every launch failed is terminal only when every failure is (RunTask raised
     * ClientException for a task definition that is gone, AccessDenied, InvalidParameterException
     * for a subnet): a Spot shortage among them heals by itself.
     */
    public static Optional<ErrorKind> kindOf(Status status, PlanOutcome outcome) {
        return switch (status) {
            case OK -> Optional.empty();
            case POLICY_INVALID, SETTINGS_INVALID -> Optional.of(ErrorKind.TERMINAL);
            case LAUNCH_FAILED ->
                Optional.of(
                        outcome.failures().stream().allMatch(f -> f.kind() == ErrorKind.TERMINAL)
                                ? ErrorKind.TERMINAL
                                : ErrorKind.TRANSIENT);
            case ERROR -> throw new IllegalArgumentException("an error's kind depends on what was thrown: give it");
        };
    }

    public CycleReport {
        policyErrors = List.copyOf(policyErrors);
        tasks = List.copyOf(tasks);
        if ((status == Status.OK) != errorKind.isEmpty()) {
            throw new IllegalArgumentException(
                    "a failed cycle, and only one, has an error kind: status " + status + ", kind " + errorKind);
        }
        if (trace.isPresent() && errorKind.orElse(null) != ErrorKind.PROGRAMMING) {
            throw new IllegalArgumentException("only a programming error carries a stack trace");
        }
    }

    /** A cycle that observed and planned; failed only if every launch failed. */
    public CycleReport(
            Status status,
            Instant scheduledAt,
            boolean dryRun,
            String policyName,
            List<PolicyError> policyErrors,
            Optional<QueueSnapshot> queue,
            List<ObservedTask> tasks,
            Optional<Plan> plan,
            PlanOutcome outcome,
            Optional<String> error) {
        this(
                status,
                scheduledAt,
                dryRun,
                policyName,
                policyErrors,
                queue,
                tasks,
                plan,
                outcome,
                error,
                kindOf(status, outcome),
                Optional.empty());
    }

    /** A cycle that stopped before observing anything (bad settings or policy, no policy readable). */
    public static CycleReport unobserved(
            Status status, Instant scheduledAt, boolean dryRun, List<PolicyError> errors, String why, ErrorKind kind) {
        return new CycleReport(
                status,
                scheduledAt,
                dryRun,
                "",
                errors,
                Optional.empty(),
                List.of(),
                Optional.empty(),
                PlanOutcome.NOTHING,
                Optional.of(why),
                Optional.of(kind),
                Optional.empty());
    }
}
