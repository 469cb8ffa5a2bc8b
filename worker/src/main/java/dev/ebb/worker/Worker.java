package dev.ebb.worker;

import dev.ebb.image.ImageEngine;
import dev.ebb.worker.acknowledgement.Acknowledger;
import dev.ebb.worker.acknowledgement.DeleteBatcher;
import dev.ebb.worker.acknowledgement.Heartbeat;
import dev.ebb.worker.acknowledgement.InFlight;
import dev.ebb.worker.aws.ObjectStore;
import dev.ebb.worker.aws.Queue;
import dev.ebb.worker.aws.ReceivedMessage;
import dev.ebb.worker.backpressure.Permits;
import dev.ebb.worker.config.WorkerConfig;
import dev.ebb.worker.errorhandler.VisibilityBackoff;
import dev.ebb.worker.lifecycle.ExitCodes;
import dev.ebb.worker.lifecycle.IdleDetector;
import dev.ebb.worker.observe.OutcomeLog;
import dev.ebb.worker.observe.WorkerMetrics;
import dev.ebb.worker.process.MessageHandler;
import dev.ebb.worker.process.MessageOutcome;
import dev.ebb.worker.process.RecordProcessor;
import dev.ebb.worker.process.RecordResult;
import dev.ebb.worker.source.MessagePoller;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running consumer: the poll loop, the permits, the messages in flight and the way out. All
 * of its state lives on one Vert.x event-loop context; rendering runs on a bounded worker pool.
 * Built and started by {@link WorkerRuntime}.
 */
final class Worker {

    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    /** The collaborators the worker drives, built by {@link WorkerRuntime}. */
    record Parts(Vertx vertx, Context context, WorkerExecutor pool, Queue queue, ObjectStore store, ImageEngine engine,
            WorkerMetrics metrics, OutcomeLog log, BooleanSupplier breakersClosed, Runnable probes) {}

    private final WorkerConfig config;
    private final Parts parts;
    private final LongSupplier clock = System::currentTimeMillis;
    private final Permits permits;
    private final IdleDetector idle;
    private final InFlight inFlight;
    private final Heartbeat heartbeat;
    private final MessageHandler handler;
    private final MessagePoller poller;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final int visibilitySeconds;
    private boolean stopping;
    private boolean finished;
    private String stopReason;
    private long tickTimer = -1;
    private long graceTimer = -1;

    Worker(WorkerConfig config, Parts parts, int visibilitySeconds) {
        this.config = config;
        this.parts = parts;
        this.visibilitySeconds = visibilitySeconds;
        this.permits = new Permits(config.concurrency());
        this.idle = new IdleDetector(config.idleWindow(), config.idleEmptyPolls(), clock.getAsLong());
        this.inFlight = new InFlight(visibilitySeconds * 1000L);
        this.heartbeat = new Heartbeat(parts.context(), parts.queue(), inFlight, visibilitySeconds, clock);
        DeleteBatcher deletes = new DeleteBatcher(parts.vertx(), parts.context(), parts.queue(), config.deleteFlushDelay().toMillis());
        Acknowledger acks = new Acknowledger(parts.context(), parts.queue(), deletes,
                new VisibilityBackoff(config.retries().backoffBase(), config.retries().backoffMax()));
        RecordProcessor records = new RecordProcessor(parts.context(), parts.pool(), parts.store(), parts.engine(), config.outputs(),
                new RecordProcessor.Destination(config.destinationBucket(), config.destinationPrefix()));
        this.handler = new MessageHandler(records, acks, inFlight::isReleased);
        this.poller = new MessagePoller(parts.context(), parts.queue(), permits, idle,
                new MessagePoller.Settings(config.waitTimeSeconds(), visibilitySeconds, config.receiveBatchThreshold()),
                () -> !stopping && parts.breakersClosed().getAsBoolean(), this::accept, clock);
        parts.metrics().gauges(inFlight::size, permits::free);
    }

    CompletableFuture<Integer> exit() {
        return exit;
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

    JsonObject health() {
        return new JsonObject().put("status", stopping ? "STOPPING" : "UP").put("in_flight", inFlight.size())
                .put("free_permits", permits.free()).put("breakers_closed", parts.breakersClosed().getAsBoolean());
    }

    private void tick() {
        if (finished) {
            return;
        }
        heartbeat.tick();
        parts.probes().run();
        if (stopping) {
            maybeFinish();
            return;
        }
        if (!poller.polling() && exitIfIdle()) {
            return;
        }
        poller.pollIfReady();
    }

    /** Called between polls: the queue is empty when enough empty polls and the idle window have passed. */
    private boolean exitIfIdle() {
        if (stopping || !idle.isIdle(clock.getAsLong(), inFlight.size())) {
            return false;
        }
        stopping = true;
        stopReason = "idle";
        parts.log().event("idle", new JsonObject().put("idle_seconds", config.idleWindow().toSeconds()));
        finish(ExitCodes.OK);
        return true;
    }

    private void accept(List<ReceivedMessage> messages) {
        parts.metrics().received(messages.size());
        if (messages.isEmpty()) {
            exitIfIdle();
            return;
        }
        if (stopping) {
            release(messages);
            permits.release(messages.size());
            return;
        }
        long now = clock.getAsLong();
        for (ReceivedMessage m : messages) {
            inFlight.add(m, now);
            boolean[] permitHeld = {true};
            Runnable releasePermit = () -> {
                if (permitHeld[0]) {
                    permitHeld[0] = false;
                    permits.release(1);
                    if (!stopping) {
                        poller.pollIfReady();
                    }
                }
            };
            handler.handle(m, releasePermit).onComplete(r -> done(m, releasePermit, r.succeeded() ? r.result()
                    : new MessageOutcome(m, "retried", "internal", String.valueOf(r.cause()), List.of(), 0, 0)));
        }
    }

    /** The message is acknowledged (or released); its permit went back when its work was done. */
    private void done(ReceivedMessage m, Runnable releasePermit, MessageOutcome outcome) {
        if (finished) {
            return;
        }
        boolean wasReleased = inFlight.isReleased(m);
        inFlight.remove(m);
        releasePermit.run();
        idle.finished(clock.getAsLong());
        if (!wasReleased || "released".equals(outcome.outcome())) {
            record(outcome);
        }
        if (stopping) {
            maybeFinish();
        } else {
            poller.pollIfReady();
        }
    }

    private void record(MessageOutcome o) {
        WorkerMetrics metrics = parts.metrics();
        metrics.outcome(o.outcome());
        if ("test_event".equals(o.outcome())) {
            metrics.testEvent();
        }
        for (RecordResult r : o.records()) {
            switch (r) {
                case RecordResult.Done d -> metrics.processed(d.timings().downloadMs(), d.timings().renderMs(), d.timings().uploadMs(),
                        d.timings().bytesIn(), d.timings().bytesOut());
                case RecordResult.Failed f -> metrics.failed(f.failure().reason(), f.failure() instanceof dev.ebb.worker.errorhandler.Failure.Permanent);
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
        parts.log().event("stopping", new JsonObject().put("reason", reason).put("in_flight", inFlight.size())
                .put("grace_seconds", config.gracePeriod().toSeconds()));
        graceTimer = parts.vertx().setTimer(Math.max(1, config.gracePeriod().toMillis()), id -> releaseRemaining());
        maybeFinish();
    }

    private void maybeFinish() {
        if (finished || !stopping) {
            return;
        }
        if (inFlight.size() == 0) {
            if (poller.polling()) {
                poller.cancel();
            } else {
                finish(ExitCodes.OK);
            }
        }
    }

    /** The grace period is over: whatever is still in flight is made visible for other workers now. */
    private void releaseRemaining() {
        if (finished) {
            return;
        }
        poller.cancel();
        List<ReceivedMessage> rest = inFlight.releaseAll();
        for (ReceivedMessage m : rest) {
            record(new MessageOutcome(m, "released", "shutdown", "grace period over", List.of(), 0, 0));
        }
        release(rest).onComplete(x -> finish(ExitCodes.OK));
    }

    private Future<Void> release(List<ReceivedMessage> messages) {
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < messages.size(); i += 10) {
            List<ReceivedMessage.Handle> batch = messages.subList(i, Math.min(messages.size(), i + 10)).stream()
                    .map(ReceivedMessage::handle).toList();
            calls.add(Future.fromCompletionStage(parts.queue().changeVisibility(batch, 0), parts.context())
                    .onFailure(e -> LOG.warn("could not release {} messages; they return after their visibility timeout: {}",
                            batch.size(), e.toString())));
        }
        return Future.join(calls).mapEmpty();
    }

    private void finish(int code) {
        if (finished) {
            return;
        }
        finished = true;
        parts.vertx().cancelTimer(tickTimer);
        if (graceTimer >= 0) {
            parts.vertx().cancelTimer(graceTimer);
        }
        parts.log().event("exit", new JsonObject().put("reason", stopReason).put("exit_code", code)
                .mergeIn(parts.metrics().summary()));
        exit.complete(code);
    }
}
