package dev.ebb.worker.acknowledgement;

import dev.ebb.worker.port.Queue;
import dev.ebb.worker.port.ReceivedMessage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects deletes into DeleteMessageBatch calls: sent when ten are waiting, or {@code flushDelay}
 * after the first one arrived. Each caller learns whether its own message was deleted.
 */
public final class DeleteBatcher {

    private static final Logger LOG = LoggerFactory.getLogger(DeleteBatcher.class);

    private record Pending(ReceivedMessage.Handle handle, Promise<Boolean> promise) {}

    private final Vertx vertx;
    private final Context context;
    private final Queue queue;
    private final long flushDelayMillis;
    private final List<Pending> pending = new ArrayList<>();
    private long timer = -1;

    public DeleteBatcher(Vertx vertx, Context context, Queue queue, long flushDelayMillis) {
        this.vertx = vertx;
        this.context = context;
        this.queue = queue;
        this.flushDelayMillis = flushDelayMillis;
    }

    /** Completes with {@code true} once SQS confirmed the delete. Call on the worker's context. */
    public Future<Boolean> delete(ReceivedMessage.Handle handle) {
        Promise<Boolean> p = Promise.promise();
        pending.add(new Pending(handle, p));
        if (pending.size() >= Queue.MAX_BATCH || flushDelayMillis == 0) {
            flush();
        } else if (timer < 0) {
            timer = vertx.setTimer(flushDelayMillis, id -> {
                timer = -1;
                flush();
            });
        }
        return p.future();
    }

    private void flush() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
        while (!pending.isEmpty()) {
            List<Pending> batch = new ArrayList<>(pending.subList(0, Math.min(Queue.MAX_BATCH, pending.size())));
            pending.subList(0, batch.size()).clear();
            Future.fromCompletionStage(
                            queue.delete(batch.stream().map(Pending::handle).toList()), context)
                    .onComplete(r -> {
                        if (r.failed()) {
                            LOG.warn(
                                    "DeleteMessageBatch of {} failed; they will be received and rewritten again: {}",
                                    batch.size(),
                                    r.cause().toString());
                        }
                        for (Pending p : batch) {
                            p.promise()
                                    .complete(r.succeeded()
                                            && !r.result().contains(p.handle().id()));
                        }
                    });
        }
    }
}
