package dev.ebb.worker.source;

import dev.ebb.worker.backpressure.Permits;
import dev.ebb.worker.lifecycle.IdleDetector;
import dev.ebb.worker.port.Queue;
import dev.ebb.worker.port.ReceivedMessage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receive loop. One long poll at a time, only while {@code mayPoll} holds (not stopping, both
 * breakers closed), asking for at most {@code min(}{@link Queue#MAX_BATCH}{@code , free permits)}. While messages are in flight
 * it waits until at least {@code batchThreshold} permits are free, so receives come back full
 * (fewer SQS requests per message). Unfilled permits are given back at once. A failed receive
 * starts a backoff; it never ends the loop.
 *
 * <p>A cold worker starts slowly: until it is {@linkplain #warm() warm} (its first download
 * arrived), a receive asks for only {@code firstBatch} messages (one per render thread), and none
 * while those are in flight. The first images then download alone instead of sharing the link and
 * the one event loop with a full batch, and the first outputs come sooner; the ramp to full
 * concurrency costs one download's time, and ends within a tick of {@value #SLOW_START_LIMIT_MILLIS}
 * ms after the first messages arrived anyway (a large object or a slow S3 does not hold the other
 * permits back).
 */
public final class MessagePoller {

    private static final Logger LOG = LoggerFactory.getLogger(MessagePoller.class);

    /** How long a worker stays cold at most once its first messages arrived (checked on the next tick). */
    public static final long SLOW_START_LIMIT_MILLIS = 2_000;

    /**
     * What a receive asks SQS for.
     *
     * @param firstBatch the most a receive asks for until the worker is warm
     */
    public record Settings(int waitSeconds, int visibilitySeconds, int batchThreshold, int firstBatch) {
        public Settings {
            if (firstBatch < 1) {
                throw new IllegalArgumentException("firstBatch must be at least 1, not " + firstBatch);
            }
        }
    }

    /** The permits that must be free for a receive while messages are in flight: half of them, at most a full batch. */
    public static int batchThreshold(int concurrency) {
        return Math.max(1, Math.min(Queue.MAX_BATCH, concurrency / 2));
    }

    private final Context context;
    private final Queue queue;
    private final Permits permits;
    private final IdleDetector idle;
    private final Settings settings;
    private final BooleanSupplier mayPoll;
    private final Consumer<List<ReceivedMessage>> sink;
    private final LongSupplier clock;
    private CompletableFuture<List<ReceivedMessage>> pending;
    private int failures;
    private final List<Promise<Void>> settledWaiters = new ArrayList<>();
    private long notBefore;
    /**
     * The slow start lasts while the clock is before this: for ever until the first messages
     * arrive, then until the limit after them; {@link Long#MIN_VALUE} once warm.
     */
    private long coldUntil = Long.MAX_VALUE;

    public MessagePoller(
            Context context,
            Queue queue,
            Permits permits,
            IdleDetector idle,
            Settings settings,
            BooleanSupplier mayPoll,
            Consumer<List<ReceivedMessage>> sink,
            LongSupplier clock) {
        this.context = context;
        this.queue = queue;
        this.permits = permits;
        this.idle = idle;
        this.settings = settings;
        this.mayPoll = mayPoll;
        this.sink = sink;
        this.clock = clock;
    }

    public boolean polling() {
        return pending != null;
    }

    /**
     * Completes once no receive is pending: at once when none is, else when the pending one has
     * ended and its messages went to the sink. A stopping worker waits for it before it releases
     * what it holds; a long poll still open would take the released messages as they come back.
     */
    public Future<Void> settled() {
        if (pending == null) {
            return Future.succeededFuture();
        }
        Promise<Void> settled = Promise.promise();
        settledWaiters.add(settled);
        return settled.future();
    }

    private void notifySettled() {
        if (pending == null && !settledWaiters.isEmpty()) {
            List<Promise<Void>> waiting = List.copyOf(settledWaiters);
            settledWaiters.clear();
            waiting.forEach(Promise::tryComplete);
        }
    }

    /**
     * The worker is warm (a first download arrived, or a message ended without one): receives now
     * fill the free permits. Idempotent; on the worker's context.
     */
    public void warm() {
        if (coldUntil != Long.MIN_VALUE) {
            coldUntil = Long.MIN_VALUE;
            pollIfReady();
        }
    }

    /** Starts a receive if one may run now; call whenever a permit was freed or a gate may have opened. */
    public void pollIfReady() {
        if (pending != null || !mayPoll.getAsBoolean() || clock.getAsLong() < notBefore) {
            return;
        }
        int wanted = Math.min(Queue.MAX_BATCH, permits.free());
        if (clock.getAsLong() < coldUntil) {
            if (permits.inUse() > 0) {
                return;
            }
            wanted = Math.min(wanted, settings.firstBatch());
        }
        if (wanted == 0 || (permits.inUse() > 0 && wanted < settings.batchThreshold())) {
            return;
        }
        int taken = permits.acquireUpTo(wanted);
        CompletableFuture<List<ReceivedMessage>> call =
                queue.receive(taken, settings.waitSeconds(), settings.visibilitySeconds());
        pending = call;
        Future.fromCompletionStage(call, context).onComplete(r -> {
            pending = null;
            if (r.failed()) {
                permits.release(taken);
                idle.pollFailed();
                failures++;
                long backoff = Math.min(30_000L, 500L << Math.min(failures, 6));
                notBefore = clock.getAsLong() + backoff;
                if (!call.isCancelled()) {
                    LOG.warn(
                            "ReceiveMessage failed ({} in a row); next try in {} ms: {}",
                            failures,
                            backoff,
                            r.cause().toString());
                }
                notifySettled();
                return;
            }
            failures = 0;
            List<ReceivedMessage> got = r.result();
            if (coldUntil == Long.MAX_VALUE && !got.isEmpty()) {
                coldUntil = clock.getAsLong() + SLOW_START_LIMIT_MILLIS;
            }
            permits.release(taken - got.size());
            idle.polled(got.size(), clock.getAsLong());
            sink.accept(got);
            pollIfReady();
            notifySettled();
        });
    }

    /**
     * Abandons the pending long poll (at shutdown, when nothing else is left to wait for): its
     * permits come back and its answer is ignored, but its request stays open until the process
     * exits, so a message SQS hands out to it comes back after its visibility timeout.
     */
    public void cancel() {
        if (pending != null) {
            pending.cancel(true);
        }
    }
}
