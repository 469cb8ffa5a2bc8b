package dev.ebb.local;

import dev.ebb.controller.aws.Retrying;
import dev.ebb.controller.aws.SqsQueueDepth;
import dev.ebb.controller.cycle.ControllerCycle;
import dev.ebb.controller.cycle.CycleReport;
import dev.ebb.controller.policy.PolicyResult;
import dev.ebb.controller.port.QueueDepth;
import dev.ebb.controller.reconcile.Action;
import dev.ebb.controller.reconcile.Plan;
import dev.ebb.controller.reconcile.QueueSnapshot;
import dev.ebb.controller.reconcile.Reason;
import dev.ebb.local.emulators.LocalAws;
import dev.ebb.local.ingest.Ingest;
import dev.ebb.local.ingest.InputFiles;
import dev.ebb.local.platform.ProcessTaskFleet;
import dev.ebb.local.platform.WorkerTask;
import dev.ebb.local.watch.Counters;
import dev.ebb.local.watch.Settle;
import dev.ebb.local.watch.Snapshot;
import dev.ebb.local.watch.Stall;
import dev.ebb.local.watch.View;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The run's clock: a controller cycle every tick, a look at the queues and the tasks twice a
 * second for the view, and the decision that the run is over (settled, or stuck for a reason
 * only the user can change).
 */
final class RunLoop {

    private static final long SAMPLE_MILLIS = 500;
    private static final Set<Reason> NEEDS_USER = Set.of(Reason.PAUSED, Reason.BELOW_ACTIVATION);

    private final LocalOptions options;
    private final ProcessTaskFleet fleet;
    private final ControllerCycle cycle;
    private final Counters counters;
    private final View view;
    private final Milestones timeline;
    private final Ingest ingest;
    private final QueueDepth queue;
    private final QueueDepth deadLetters;
    private final List<Map<String, Object>> decisions = new ArrayList<>();
    private String lastDecision = "first tick now";
    private Reason lastReason;
    private String holdForUser;
    private int ticks;
    private long peakTasks;
    private int minTasks;

    RunLoop(
            LocalOptions options,
            LocalAws aws,
            ProcessTaskFleet fleet,
            ControllerCycle cycle,
            Counters counters,
            View view,
            Milestones timeline,
            Ingest ingest) {
        this.options = options;
        this.fleet = fleet;
        this.cycle = cycle;
        this.counters = counters;
        this.view = view;
        this.timeline = timeline;
        this.ingest = ingest;
        // the controller's own adapter, once per queue: what the run watches is what the controller sees
        Retrying brief = new Retrying(Retrying.Backoff.BRIEF, () -> Duration.ofSeconds(30));
        this.queue = new SqsQueueDepth(aws.sqs, aws.queueUrl, brief);
        this.deadLetters = new SqsQueueDepth(aws.sqs, aws.deadLetterQueueUrl, brief);
    }

    LocalPipeline.Result run(List<InputFiles.Input> initial, Finish finish) throws Exception {
        Map<String, InputFiles.Input> inputs = new LinkedHashMap<>();
        initial.forEach(i -> inputs.put(i.key(), i));
        Settle settle = new Settle(3);
        Stall stall = new Stall(3);
        long tickNanos = options.tick().toNanos();
        long nextTick = System.nanoTime();
        boolean reported = false;
        LocalPipeline.Result last = null;
        while (true) {
            if (System.nanoTime() - nextTick >= 0) {
                tick();
                nextTick += tickNanos;
                if (options.keepRunning() && reported && ingestNew(inputs)) {
                    settle.reset();
                    reported = false;
                }
            }
            QueueSnapshot q = queue.read();
            QueueSnapshot dlq = deadLetters.read();
            long queued = q.visible() + q.inFlight() + q.delayed();
            long live = fleet.alive();
            peakTasks = Math.max(
                    peakTasks,
                    fleet.list().stream().filter(t -> t.state().isActive()).count());
            if (queued == 0 && ticks > 0) {
                timeline.mark("drained");
            }
            Snapshot snap = snapshot(q, dlq.visible() + dlq.inFlight(), inputs.size());
            if (!reported) {
                view.update(snap);
            }
            Optional<String> stuck = stall.observe(queued, live, holdForUser);
            if (stuck.isEmpty() && counters.crashedAtStart() >= 3 && counters.everRunning() == 0) {
                stuck = Optional.of(
                        "every worker process exited before it could poll the queue; last stderr:\n" + lastStderr());
            }
            if (stuck.isPresent()) {
                view.finish(snap);
                return finish.complete(List.copyOf(inputs.keySet()), stuck, decisions, ticks, peakTasks);
            }
            if (!reported
                    && settle.observe(
                            new Settle.Sample(queued, dlq.visible() + dlq.inFlight(), live, minTasks() > 0))) {
                timeline.remark("settled");
                tick(); // one last look by the controller: nothing left, nothing launched (scaled to zero)
                view.finish(snapshot(q, dlq.visible() + dlq.inFlight(), inputs.size()));
                last = finish.complete(List.copyOf(inputs.keySet()), Optional.empty(), decisions, ticks, peakTasks);
                if (!options.keepRunning()) {
                    return last;
                }
                reported = true;
                view.event("--keep-running: new files under " + options.input()
                        + " are uploaded on the next tick; Ctrl-C to stop");
            }
            long untilTick = (nextTick - System.nanoTime()) / 1_000_000;
            Thread.sleep(Math.max(10, Math.min(SAMPLE_MILLIS, untilTick)));
        }
    }

    private void tick() {
        ticks++;
        if (Policies.source(options.policyFile()).get() instanceof PolicyResult.Valid v) {
            minTasks = v.policy().minTasks();
        }
        Instant now = Instant.now();
        CycleReport r = cycle.run(now, now, false);
        holdForUser = null;
        if (r.status() != CycleReport.Status.OK) {
            String why = r.status() + ": " + r.error().orElse("")
                    + (r.policyErrors().isEmpty()
                            ? ""
                            : " "
                                    + r.policyErrors().stream()
                                            .map(e -> e.format())
                                            .collect(Collectors.joining("; ")));
            holdForUser = r.status() == CycleReport.Status.POLICY_INVALID ? why : null;
            record(r, null, why);
            lastDecision = why;
            return;
        }
        Plan plan = r.plan().orElseThrow();
        if (NEEDS_USER.contains(plan.reason())) {
            holdForUser = plan.reason() + ": " + plan.why();
        }
        boolean acted = !(plan.action() instanceof Action.Hold);
        if (acted || plan.reason() != lastReason) {
            record(r, plan, plan.why());
            String launched = r.outcome().launched().isEmpty()
                    ? ""
                    : " -> " + String.join(", ", r.outcome().launched());
            view.event("controller: " + plan.reason() + launched + " (" + plan.why() + ")");
        }
        lastReason = plan.reason();
        lastDecision = plan.reason() + ": " + plan.why();
        timeline.mark("firstTick");
        if (!r.outcome().launched().isEmpty()) {
            timeline.mark("firstLaunch");
        }
    }

    private void record(CycleReport r, Plan plan, String why) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("atSeconds", Math.round(timeline.seconds() * 10) / 10.0);
        d.put("status", r.status().name());
        if (plan != null) {
            r.queue()
                    .ifPresent(q -> d.put(
                            "queue", Map.of("visible", q.visible(), "inFlight", q.inFlight(), "delayed", q.delayed())));
            d.put("backlog", plan.backlog());
            d.put("active", plan.active());
            d.put("desired", plan.desired());
            d.put("reason", plan.reason().name());
            d.put("launched", r.outcome().launched());
            if (!r.outcome().stopped().isEmpty()) {
                d.put("stopped", r.outcome().stopped());
            }
            if (!r.outcome().failures().isEmpty()) {
                d.put(
                        "failures",
                        r.outcome().failures().stream()
                                .map(f -> f.provider() + ": " + f.reason() + " " + f.detail())
                                .toList());
            }
        }
        d.put("why", why);
        decisions.add(d);
    }

    private boolean ingestNew(Map<String, InputFiles.Input> inputs) throws IOException {
        List<InputFiles.Input> fresh = InputFiles.under(options.input()).stream()
                .filter(i -> !inputs.containsKey(i.key()) || inputs.get(i.key()).size() != i.size())
                .toList();
        if (fresh.isEmpty()) {
            return false;
        }
        ingest.upload(fresh);
        fresh.forEach(i -> inputs.put(i.key(), i));
        view.event("uploaded " + fresh.size() + " new file(s) and sent their S3 event notifications");
        return true;
    }

    private Snapshot snapshot(QueueSnapshot q, long deadLettered, int inputs) {
        long starting = 0;
        long running = 0;
        long stopping = 0;
        for (WorkerTask t : fleet.all()) {
            switch (t.state()) {
                case STARTING -> starting++;
                case RUNNING -> running++;
                case STOPPING -> stopping++;
                case EXITED -> {}
            }
        }
        return new Snapshot(
                timeline.seconds(),
                q.visible(),
                q.inFlight(),
                q.delayed(),
                deadLettered,
                starting,
                running,
                stopping,
                counters.launched(),
                counters.processed(),
                counters.failed(),
                inputs,
                lastDecision);
    }

    private int minTasks() {
        return minTasks;
    }

    private String lastStderr() {
        List<WorkerTask> all = fleet.all();
        if (all.isEmpty()) {
            return "";
        }
        WorkerTask t = all.getLast();
        try {
            List<String> lines = Files.readAllLines(fleet.logs().resolve(t.id() + ".err"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no stderr: " + e.getMessage() + ")";
        }
    }
}
