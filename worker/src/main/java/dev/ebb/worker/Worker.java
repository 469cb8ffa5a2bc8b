package dev.ebb.worker;

import dev.ebb.image.ImageEngine;
import dev.ebb.worker.acknowledgement.Acknowledger;
import dev.ebb.worker.acknowledgement.Batches;
import dev.ebb.worker.acknowledgement.DeleteBatcher;
import dev.ebb.worker.acknowledgement.Heartbeat;
import dev.ebb.worker.acknowledgement.InFlight;
import dev.ebb.worker.backpressure.ByteBudget;
import dev.ebb.worker.backpressure.Isolation;
import dev.ebb.worker.backpressure.Permits;
import dev.ebb.worker.config.WorkerConfig;
import dev.ebb.worker.errorhandler.Failure;
import dev.ebb.worker.errorhandler.VisibilityBackoff;
import dev.ebb.worker.lifecycle.ExitCodes;
import dev.ebb.worker.lifecycle.IdleDetector;
import dev.ebb.worker.observe.OutcomeLog;
import dev.ebb.worker.observe.TaskCpu;
import dev.ebb.worker.observe.WorkReport;
import dev.ebb.worker.observe.WorkerMetrics;
import dev.ebb.worker.poison.AttemptMarker;
import dev.ebb.worker.poison.AttemptMarkers;
import dev.ebb.worker.poison.CrashPolicy;
import dev.ebb.worker.port.ObjectStore;
import dev.ebb.worker.port.Queue;
import dev.ebb.worker.port.ReceivedMessage;
import dev.ebb.worker.process.MessageHandler;
import dev.ebb.worker.process.MessageOutcome;
import dev.ebb.worker.process.RecordProcessor;
import dev.ebb.worker.process.RecordResult;
import dev.ebb.worker.source.MessagePoller;
import dev.ebb.worker.wire.LogLine;
import dev.ebb.worker.wire.Outcomes;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running consumer: the poll loop, the permits, the messages in flight and the way out. All
 * of its state lives on one Vert.x event-loop context; rendering runs on a bounded worker pool.
 * A re-delivered message is first looked up in the {@link AttemptMarkers}: one whose last worker
 * died is processed alone ({@link Isolation}), or dead-lettered if it killed a worker while alone.
 * Built and started by {@link WorkerRuntime}.
 */
final class Worker {

    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    /** The collaborators the worker drives, built by {@link WorkerRuntime}. */
    record Parts(
            Vertx vertx,
            Context context,
            WorkerExecutor pool,
            Queue queue,
            ObjectStore store,
            ImageEngine engine,
            WorkerMetrics metrics,
            OutcomeLog log,
            BooleanSupplier breakersClosed,
            Runnable probes,
            AttemptMarkers attempts) {}

    private final WorkerConfig config;
    private final Parts parts;
    private final LongSupplier clock = System::currentTimeMillis;
    private final Permits permits;
    private final ByteBudget budget;
    private final Isolation isolation = new Isolation();
    private final IdleDetector idle;
    private final InFlight inFlight;
    private final Heartbeat heartbeat;
    private final MessageHandler handler;
    private final MessagePoller poller;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final int visibilitySeconds;
    private boolean stopping;
    private boolean finished;
    /** Releases are on their way to SQS; the exit waits for them (they decide the exit code, too). */
    private boolean releasing;
    /** Releases of messages a stopping worker received after all; awaited before it exits. */
    private final List<Future<Void>> lateReleases = new ArrayList<>();
    /** How long a stopping worker tries to release what it holds before it exits anyway. */
    private static final int RELEASE_LIMIT_SECONDS = 30;
    /** Asking SQS whether messages are still invisible before an idle exit; no receive meanwhile. */
    private boolean checkingQueue;

    private String stopReason;
    private Failure.Configuration misconfiguration;
    private long tickTimer = -1;
    private long graceTimer = -1;
    private final WorkReport work;
    /** Guards the reads made from the HTTP server: /health and the gauges. */
    private final ContextOwned owned;

    Worker(WorkerConfig config, Parts parts, int visibilitySeconds) {
        this.config = config;
        this.parts = parts;
        this.visibilitySeconds = visibilitySeconds;
        this.permits = new Permits(config.capacity().concurrency());
        this.budget = new ByteBudget(config.capacity().maxBytesInFlight());
        this.idle = new IdleDetector(
                config.lifetime().idleWindow(), config.lifetime().idleEmptyPolls(), clock.getAsLong());
        this.inFlight = new InFlight(visibilitySeconds * 1000L);
        this.heartbeat = new Heartbeat(parts.context(), parts.queue(), inFlight, visibilitySeconds, clock);
        DeleteBatcher deletes = new DeleteBatcher(
                parts.vertx(),
                parts.context(),
                parts.queue(),
                config.queue().deleteFlushDelay().toMillis());
        Acknowledger acks = new Acknowledger(
                parts.context(),
                parts.queue(),
                deletes,
                new VisibilityBackoff(
                        config.retries().backoffBase(), config.retries().backoffMax()),
                parts.attempts()::clear);
        RecordProcessor records = new RecordProcessor(
                parts.context(),
                parts.pool(),
                parts.store(),
                parts.engine(),
                config.rendering().outputs(),
                new RecordProcessor.Destination(
                        config.buckets().destination(),
                        config.buckets().destinationPrefix(),
                        config.buckets().outputKeysNameBucket()),
                new RecordProcessor.Sources(
                        config.buckets()::sourceAllowed, config.buckets().sources()::contains),
                budget,
                this::warm);
        this.handler = new MessageHandler(records, acks, inFlight::isReleased, this::misconfigured);
        // Not while records wait for bytes, nor while a suspect waits or runs alone: more messages
        // would only wait too, invisible to other workers.
        this.poller = new MessagePoller(
                parts.context(),
                parts.queue(),
                permits,
                idle,
                new MessagePoller.Settings(
                        config.queue().waitTimeSeconds(),
                        visibilitySeconds,
                        MessagePoller.batchThreshold(config.capacity().concurrency()),
                        config.rendering().workerThreads()),
                () -> !stopping
                        && !checkingQueue
                        && budget.waiting() == 0
                        && !isolation.isolating()
                        && parts.breakersClosed().getAsBoolean(),
                this::accept,
                clock);
        this.owned = new ContextOwned(parts.context());
        parts.metrics()
                .gauges(
                        () -> owned.read("the in-flight gauge", inFlight::size),
                        () -> owned.read("the free-permits gauge", permits::free));
        WorkerConfig.WorkReporting r = config.reporting();
        this.work = new WorkReport(
                r.namespace(),
                WorkReport.queueName(config.queue().url()),
                TaskCpu.vcpus(r.taskVcpu()),
                config.capacity().concurrency(),
                r.interval().toMillis(),
                clock.getAsLong(),
                TaskCpu.processCpuNanos());
    }

    /** Samples this moment into the work report, and writes the report line when one is due (or {@code last}). */
    private void reportWork(boolean last) {
        long now = clock.getAsLong();
        work.sample(now, config.capacity().concurrency() - permits.free(), TaskCpu.processCpuNanos());
        (last ? Optional.of(work.flush(now)) : work.due(now))
                .ifPresent(report -> parts.log().event(LogLine.Event.WORK, report));
    }

    CompletableFuture<Integer> exit() {
        return exit;
    }

    /** What to tell the operator when the worker stopped for a configuration fault. */
    Optional<String> exitDetail() {
        return Optional.ofNullable(misconfiguration).map(Failure.Configuration::detail);
    }

    void start() {
        parts.context().runOnContext(v -> {
            long tick = Math.max(100, Math.min(500, visibilitySeconds * 1000L / 4));
            tickTimer = parts.vertx().setPeriodic(tick, id -> tick());
            poller.pollIfReady();
        });
    }

    /** Stop receiving, finish or release what is in flight within the grace period, exit. Any thread. */
    void stop(String reason) {
        parts.context().runOnContext(v -> beginStop(reason));
    }

    /** For /health: read on the worker's context, where the HTTP server runs (see {@link ContextOwned}). */
    JsonObject health() {
        return owned.read(
                "/health",
                () -> new JsonObject()
                        .put("status", stopping ? "STOPPING" : "UP")
                        .put("in_flight", inFlight.size())
                        .put("free_permits", permits.free())
                        .put("breakers_closed", parts.breakersClosed().getAsBoolean()));
    }

    private void tick() {
        if (finished) {
            return;
        }
        heartbeat.tick();
        parts.probes().run();
        reportWork(false);
        if (stopping) {
            maybeFinish();
            return;
        }
        if (!poller.polling() && exitIfIdle()) {
            return;
        }
        poller.pollIfReady();
    }

    /**
     * Called between polls: the queue is empty when enough empty polls and the idle window have
     * passed. When the idle window is shorter than the visibility timeout, a worker started to
     * replace a dead one could otherwise exit while the dead one's messages are still invisible
     * (they come back only when their timeout ends); so then it first asks SQS, and stays while any
     * message is invisible.
     */
    private boolean exitIfIdle() {
        if (stopping || checkingQueue || !idle.isIdle(clock.getAsLong(), inFlight.size())) {
            return false;
        }
        if (config.lifetime().idleWindow().toSeconds() < visibilitySeconds) {
            checkingQueue = true;
            Future.fromCompletionStage(parts.queue().invisibleCount(), parts.context())
                    .onComplete(r -> {
                        checkingQueue = false;
                        if (r.succeeded() && r.result() == 0) {
                            exitIdle();
                            return;
                        }
                        // Still hidden somewhere (or SQS did not say): wait another idle window, then look again.
                        idle.finished(clock.getAsLong());
                        poller.pollIfReady();
                    });
            return true;
        }
        exitIdle();
        return true;
    }

    private void exitIdle() {
        if (stopping) {
            return;
        }
        stopping = true;
        stopReason = "idle";
        parts.log()
                .event(
                        LogLine.Event.IDLE,
                        new JsonObject()
                                .put(
                                        "idle_seconds",
                                        config.lifetime().idleWindow().toSeconds()));
        finish(ExitCodes.OK);
    }

    private void accept(List<ReceivedMessage> messages) {
        parts.metrics().received(messages.size());
        if (messages.isEmpty()) {
            exitIfIdle();
            return;
        }
        if (stopping) {
            lateReleases.add(release(messages));
            permits.release(messages.size());
            return;
        }
        long now = clock.getAsLong();
        for (ReceivedMessage m : messages) {
            inFlight.add(m, now);
            Held held = new Held();
            // A first receive is planned at once, with no request; a re-delivered one after its marker is read.
            parts.attempts()
                    .plan(m)
                    .onComplete(plan -> begin(
                            m,
                            held,
                            plan.succeeded() ? plan.result() : new CrashPolicy.Plan.Proceed(Optional.empty())));
        }
    }

    /**
     * One message's permit, given back when its own work is done ({@link #run}), and its place in
     * the {@link Isolation} gate, given back only once it is acknowledged too ({@link #end}): a
     * suspect works alone only when no other message is in flight, not even one whose delete is on
     * its way (it would be received and written again if the suspect killed the worker first).
     */
    private final class Held implements Runnable {
        private boolean permit = true;
        /** null until the gate let the message work; then whether it works alone. */
        private Boolean alone;

        void end() {
            run();
            if (alone != null) {
                isolation.release(alone);
                alone = null;
            }
        }

        @Override
        public void run() {
            if (permit) {
                permit = false;
                permits.release(1);
                warm();
                if (!stopping) {
                    poller.pollIfReady();
                }
            }
        }
    }

    private void begin(ReceivedMessage m, Held held, CrashPolicy.Plan plan) {
        switch (plan) {
            case CrashPolicy.Plan.Proceed p -> isolation.acquire(false, () -> work(m, held, false, p.mark()));
            case CrashPolicy.Plan.Alone a -> {
                parts.metrics().crashSuspectAlone();
                parts.log()
                        .event(
                                LogLine.Event.CRASH_SUSPECTED,
                                new JsonObject()
                                        .put(LogLine.MESSAGE_ID, m.id())
                                        .put(LogLine.RECEIVE_COUNT, m.receiveCount())
                                        .put("last_receive", a.lastReceive())
                                        .put("others_at_work", isolation.atWork())
                                        .put(LogLine.DETAIL, a.detail()));
                isolation.acquire(true, () -> work(m, held, true, Optional.of(a.mark())));
            }
            case CrashPolicy.Plan.DeadLetter d -> {
                parts.metrics().crashSuspectDeadLettered();
                whenHandled(m, held, handler.reject(m, new Failure.Permanent(CrashPolicy.REASON, d.detail()), held));
            }
        }
    }

    /** The gate let {@code m} work: its marker first (when it needs one), then the message. */
    private void work(ReceivedMessage m, Held held, boolean alone, Optional<AttemptMarker> mark) {
        held.alone = alone;
        if (inFlight.isReleased(m)) { // released at shutdown while it waited: another worker has it
            done(m, held, new MessageOutcome(m, Outcomes.OfMessage.RELEASED, "shutdown", null, List.of(), 0, 0));
            return;
        }
        Future<Void> marked =
                mark.map(marker -> parts.attempts().mark(m, marker)).orElse(Future.succeededFuture());
        marked.onComplete(x -> whenHandled(m, held, handler.handle(m, held)));
    }

    private void whenHandled(ReceivedMessage m, Held held, Future<MessageOutcome> outcome) {
        outcome.onComplete(r -> done(
                m,
                held,
                r.succeeded()
                        ? r.result()
                        : new MessageOutcome(
                                m,
                                Outcomes.OfMessage.RETRIED,
                                "internal",
                                String.valueOf(r.cause()),
                                List.of(),
                                0,
                                0)));
    }

    /** The message is acknowledged (or released); its permit went back when its work was done. */
    private void done(ReceivedMessage m, Held held, MessageOutcome outcome) {
        if (finished) {
            held.end();
            return;
        }
        boolean wasReleased = inFlight.isReleased(m);
        inFlight.remove(m);
        held.run();
        idle.finished(clock.getAsLong());
        if (!wasReleased) {
            record(outcome); // a released message's line was written when it was released
        }
        held.end(); // after its line: the next suspect may start at once, and kill the worker

        if (outcome.outcome() != Outcomes.OfMessage.RELEASED) {
            work.finished();
        }
        if (stopping) {
            maybeFinish();
        } else {
            poller.pollIfReady();
        }
    }

    /** A first download arrived or a message's work ended: receives may fill every free permit now. */
    private void warm() {
        poller.warm();
    }

    private void record(MessageOutcome o) {
        WorkerMetrics metrics = parts.metrics();
        metrics.outcome(o.outcome());
        if (o.outcome() == Outcomes.OfMessage.TEST_EVENT) {
            metrics.testEvent();
        }
        for (RecordResult r : o.records()) {
            switch (r) {
                case RecordResult.Done d ->
                    metrics.processed(
                            d.timings().downloadMs(),
                            d.timings().renderMs(),
                            d.timings().uploadMs(),
                            d.timings().bytesIn(),
                            d.timings().bytesOut());
                case RecordResult.Failed f ->
                    metrics.failed(f.failure().reason(), f.failure() instanceof Failure.Permanent);
                case RecordResult.Skipped s -> metrics.skipped(s.reason());
            }
        }
        parts.log().write(o);
    }

    private void beginStop(String reason) {
        if (stopping) {
            return;
        }
        stopping = true;
        stopReason = reason;
        parts.log()
                .event(
                        LogLine.Event.STOPPING,
                        new JsonObject()
                                .put(LogLine.REASON, reason)
                                .put("in_flight", inFlight.size())
                                .put(
                                        "grace_seconds",
                                        config.lifetime().gracePeriod().toSeconds()));
        graceTimer = parts.vertx()
                .setTimer(Math.max(1, config.lifetime().gracePeriod().toMillis()), id -> releaseRemaining());
        maybeFinish();
    }

    private void maybeFinish() {
        if (finished || !stopping || releasing) {
            return;
        }
        if (inFlight.size() == 0) {
            if (poller.polling()) {
                poller.cancel();
            } else if (lateReleases.stream().allMatch(Future::isComplete)) {
                finish(ExitCodes.OK);
            } else {
                // a receive that ended after the stop handed back its messages: exit once SQS has them
                // back, through the one release path (bounded like every other)
                releaseAllAndExit(stopReason, null, ExitCodes.OK, false);
            }
        }
    }

    /** The grace period is over: whatever is still in flight is made visible for other workers now. */
    private void releaseRemaining() {
        releaseAllAndExit("shutdown", "grace period over", ExitCodes.OK, false);
    }

    /**
     * A bucket is missing or forbidden, or in another region: no message would succeed, so none is
     * dead-lettered. Stop receiving, release every message held (visibility 0, for a worker that is
     * set up right), and exit with {@link ExitCodes#MISCONFIGURED}. Called on the worker's context.
     */
    private void misconfigured(Failure.Configuration cause) {
        if (finished || misconfiguration != null) {
            return;
        }
        misconfiguration = cause;
        if (graceTimer >= 0) {
            parts.vertx().cancelTimer(graceTimer);
        }
        stopping = true;
        stopReason = cause.reason();
        parts.log()
                .event(
                        LogLine.Event.STOPPING,
                        new JsonObject()
                                .put(LogLine.REASON, cause.reason())
                                .put(LogLine.DETAIL, cause.detail())
                                .put("in_flight", inFlight.size()));
        releaseAllAndExit(cause.reason(), cause.detail(), ExitCodes.MISCONFIGURED, true);
    }

    /**
     * @param awaitReceive wait for a receive still pending (up to its long poll) and release what it
     *     got too, so that what is released is visible at once and not taken by that receive; the
     *     grace period's end does not wait, its time is up
     */
    private void releaseAllAndExit(String reason, String detail, int code, boolean awaitReceive) {
        if (finished) {
            return;
        }
        releasing = true;
        List<ReceivedMessage> rest = inFlight.releaseAll();
        for (ReceivedMessage m : rest) {
            record(new MessageOutcome(m, Outcomes.OfMessage.RELEASED, reason, detail, List.of(), 0, 0));
        }
        receiveSettled(awaitReceive)
                .compose(v -> Future.join(lateReleases))
                // Markers before the release: another worker may take a released message at once, and must not
                // read this live attempt's marker as a death.
                .eventually(() ->
                        Future.join(rest.stream().map(parts.attempts()::clear).toList()))
                .eventually(() -> release(rest))
                .onComplete(x -> finish(code));
        // Releases go through the SQS breaker, which waits while SQS is down: past this the worker
        // exits anyway, and what it could not release comes back after its visibility timeout.
        parts.vertx()
                .setTimer((config.queue().waitTimeSeconds() + 5 + RELEASE_LIMIT_SECONDS) * 1000L, id -> finish(code));
    }

    private Future<Void> receiveSettled(boolean await) {
        if (!await || !poller.polling()) {
            poller.cancel();
            return Future.succeededFuture();
        }
        Promise<Void> settled = Promise.promise();
        poller.settled().onComplete(x -> settled.tryComplete());
        long cap = (config.queue().waitTimeSeconds() + 5) * 1000L;
        parts.vertx().setTimer(cap, id -> {
            poller.cancel();
            settled.tryComplete();
        });
        return settled.future();
    }

    private Future<Void> release(List<ReceivedMessage> messages) {
        List<Future<?>> calls = new ArrayList<>();
        for (List<ReceivedMessage> batch : Batches.of(messages)) {
            calls.add(Future.fromCompletionStage(
                            parts.queue()
                                    .changeVisibility(
                                            batch.stream()
                                                    .map(ReceivedMessage::handle)
                                                    .toList(),
                                            0),
                            parts.context())
                    .onFailure(e -> LOG.warn(
                            "could not release {} messages; they return after their visibility timeout: {}",
                            batch.size(),
                            e.toString())));
        }
        return Future.join(calls).mapEmpty();
    }

    private void finish(int code) {
        if (finished) {
            return;
        }
        finished = true;
        parts.vertx().cancelTimer(tickTimer);
        reportWork(true); // the last partial interval: a short-lived task's work is not lost
        if (graceTimer >= 0) {
            parts.vertx().cancelTimer(graceTimer);
        }
        JsonObject fields = new JsonObject().put(LogLine.REASON, stopReason).put("exit_code", code);
        if (misconfiguration != null) {
            fields.put(LogLine.DETAIL, misconfiguration.detail());
        }
        parts.log().event(LogLine.Event.EXIT, fields.mergeIn(parts.metrics().summary()));
        exit.complete(code);
    }
}
