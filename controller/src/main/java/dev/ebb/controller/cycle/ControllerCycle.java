package dev.ebb.controller.cycle;

import dev.ebb.controller.act.PlanExecutor;
import dev.ebb.controller.act.PlanOutcome;
import dev.ebb.controller.aws.AwsFaults;
import dev.ebb.controller.aws.IdempotencyKeys;
import dev.ebb.controller.errors.ErrorKind;
import dev.ebb.controller.errors.Traces;
import dev.ebb.controller.livepolicy.LoadedPolicy;
import dev.ebb.controller.livepolicy.PolicySource;
import dev.ebb.controller.policy.PolicyResult;
import dev.ebb.controller.policy.ScalingPolicy;
import dev.ebb.controller.policy.Sizing;
import dev.ebb.controller.port.LoadSource;
import dev.ebb.controller.port.QueueDepth;
import dev.ebb.controller.port.TaskFleet;
import dev.ebb.controller.reconcile.LoadMeasurement;
import dev.ebb.controller.reconcile.Observation;
import dev.ebb.controller.reconcile.ObservedTask;
import dev.ebb.controller.reconcile.Plan;
import dev.ebb.controller.reconcile.QueueSnapshot;
import dev.ebb.controller.reconcile.Reconciler;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One reconcile: load the policy, observe, plan, act. The engine around the pure
 * {@link Reconciler}: a bad policy is terminal (nothing observed or touched), an AWS error ends the
 * cycle with what was done so far, typed by {@link ErrorKind} (a programming error with its stack
 * trace), and the next scheduled cycle starts from the world again.
 */
public final class ControllerCycle {

    private final PolicySource policy;
    private final QueueDepth queue;
    private final TaskFleet fleet;
    private final LoadSource load;
    private final HistoryStore history;
    private final String deployment;

    public ControllerCycle(
            Supplier<PolicyResult> policy,
            QueueDepth queue,
            TaskFleet fleet,
            LoadSource load,
            HistoryStore history,
            String deployment) {
        this(PolicySource.of(policy), queue, fleet, load, history, deployment);
    }

    public ControllerCycle(
            PolicySource policy,
            QueueDepth queue,
            TaskFleet fleet,
            LoadSource load,
            HistoryStore history,
            String deployment) {
        this.policy = policy;
        this.queue = queue;
        this.fleet = fleet;
        this.load = load;
        this.history = history;
        this.deployment = deployment;
    }

    /**
     * @param scheduledAt the EventBridge event's time: the same for every retry of one tick, so
     *     RunTask's clientTokens make a retried invocation launch nothing twice
     */
    public CycleReport run(Instant scheduledAt, Instant now, boolean dryRun) {
        ScalingPolicy p;
        LoadedPolicy loaded = policy.load();
        switch (loaded.result()) {
            case PolicyResult.Invalid invalid
            when loaded.unreadable().isPresent() -> {
                LoadedPolicy.Unreadable unreadable = loaded.unreadable().get();
                return CycleReport.unobserved(
                        CycleReport.Status.ERROR,
                        scheduledAt,
                        dryRun,
                        List.of(),
                        unreadable.why() + "; no valid policy read yet, so nothing was launched or stopped",
                        unreadable.kind());
            }
            case PolicyResult.Invalid invalid -> {
                return CycleReport.unobserved(
                        CycleReport.Status.POLICY_INVALID,
                        scheduledAt,
                        dryRun,
                        invalid.errors(),
                        "the scaling policy is invalid; nothing was launched or stopped until it is fixed",
                        ErrorKind.TERMINAL);
            }
            case PolicyResult.Valid valid -> p = valid.policy();
        }
        QueueSnapshot depth = null;
        List<ObservedTask> tasks = List.of();
        Plan plan = null;
        try {
            depth = queue.read();
            tasks = fleet.list();
            // The load only matters when sizing by work; a message-count policy skips the CloudWatch call.
            LoadMeasurement measured = p.sizing() instanceof Sizing.ByWork ? load.read(now) : LoadMeasurement.UNKNOWN;
            plan = Reconciler.plan(new Observation(depth, tasks, history.load(), measured), p, now);
            history.save(plan.history());
            PlanOutcome outcome = dryRun
                    ? PlanOutcome.NOTHING
                    : new PlanExecutor(fleet, step -> IdempotencyKeys.cycle(deployment, scheduledAt, step))
                            .execute(plan.action(), p);
            return new CycleReport(
                    CycleReport.statusOf(plan.action(), outcome),
                    scheduledAt,
                    dryRun,
                    p.name(),
                    loaded.rejected(),
                    Optional.of(depth),
                    tasks,
                    Optional.of(plan),
                    outcome,
                    loaded.unreadable().map(u -> u.why() + "; acting on the last valid policy"));
        } catch (RuntimeException e) {
            // Kept apart by kind: AccessDenied, throttling and an NPE once all read "ERROR: class: message".
            ErrorKind kind = AwsFaults.kind(e);
            return new CycleReport(
                    CycleReport.Status.ERROR,
                    scheduledAt,
                    dryRun,
                    p.name(),
                    loaded.rejected(),
                    Optional.ofNullable(depth),
                    tasks,
                    Optional.ofNullable(plan),
                    PlanOutcome.NOTHING,
                    Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage()),
                    Optional.of(kind),
                    kind == ErrorKind.PROGRAMMING ? Optional.of(Traces.of(e)) : Optional.empty());
        }
    }
}
