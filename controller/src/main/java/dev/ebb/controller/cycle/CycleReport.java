package dev.ebb.controller.cycle;

import dev.ebb.controller.act.Outcome;
import dev.ebb.controller.policy.PolicyError;
import dev.ebb.controller.reconcile.Action;
import dev.ebb.controller.reconcile.ObservedTask;
import dev.ebb.controller.reconcile.Plan;
import dev.ebb.controller.reconcile.QueueSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Everything one cycle saw, decided and did; rendered as the decision log line. */
public record CycleReport(
        Status status,
        Instant scheduledAt,
        boolean dryRun,
        String policyName,
        List<PolicyError> policyErrors,
        Optional<QueueSnapshot> queue,
        List<ObservedTask> tasks,
        Optional<Plan> plan,
        Outcome outcome,
        Optional<String> error) {

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
    public static Status statusOf(Action action, Outcome outcome) {
        return action instanceof Action.Launch && outcome.launched().isEmpty() && !outcome.failures().isEmpty()
                ? Status.LAUNCH_FAILED : Status.OK;
    }

    public CycleReport {
        policyErrors = List.copyOf(policyErrors);
        tasks = List.copyOf(tasks);
    }

    public static CycleReport terminal(Status status, Instant scheduledAt, boolean dryRun, List<PolicyError> errors, String why) {
        return new CycleReport(status, scheduledAt, dryRun, "", errors, Optional.empty(), List.of(), Optional.empty(),
                Outcome.NOTHING, Optional.of(why));
    }
}
