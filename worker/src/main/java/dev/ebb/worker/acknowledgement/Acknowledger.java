package dev.ebb.worker.acknowledgement;

import dev.ebb.worker.errorhandler.Verdict;
import dev.ebb.worker.errorhandler.VisibilityBackoff;
import dev.ebb.worker.port.Queue;
import dev.ebb.worker.port.ReceivedMessage;
import dev.ebb.worker.wire.Outcomes;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a {@link Verdict}: delete; copy to the dead-letter queue then delete; or hide the
 * message for a backoff delay so it comes back later. Completes with how the message ended
 * ({@link Outcomes.OfMessage}: succeeded, dead-lettered, retried, or its delete failed).
 * Whatever the verdict, {@code beforeAck} runs first (the message's attempt marker is deleted while
 * no other worker can have the message yet).
 */
public final class Acknowledger {

    private static final Logger LOG = LoggerFactory.getLogger(Acknowledger.class);

    private final Context context;
    private final Queue queue;
    private final DeleteBatcher deletes;
    private final VisibilityBackoff backoff;
    private final Function<ReceivedMessage, Future<Void>> beforeAck;

    /** @param beforeAck runs before any acknowledgement of a message; it must not fail */
    public Acknowledger(
            Context context,
            Queue queue,
            DeleteBatcher deletes,
            VisibilityBackoff backoff,
            Function<ReceivedMessage, Future<Void>> beforeAck) {
        this.context = context;
        this.queue = queue;
        this.deletes = deletes;
        this.backoff = backoff;
        this.beforeAck = beforeAck;
    }

    public Future<Outcomes.OfMessage> apply(ReceivedMessage m, Verdict verdict) {
        return beforeAck.apply(m).compose(v -> acknowledge(m, verdict));
    }

    private Future<Outcomes.OfMessage> acknowledge(ReceivedMessage m, Verdict verdict) {
        return switch (verdict) {
            case Verdict.Delete d -> deleteNow(m, Outcomes.OfMessage.SUCCEEDED);
            case Verdict.DeadLetter dl ->
                Future.fromCompletionStage(queue.deadLetter(m, dl.reason(), dl.detail()), context)
                        .compose(sent -> deleteNow(m, Outcomes.OfMessage.DEAD_LETTERED))
                        .recover(e -> {
                            LOG.warn(
                                    "could not dead-letter {} ({}); it stays on the queue: {}",
                                    m.id(),
                                    dl.reason(),
                                    e.toString());
                            return retryLater(m);
                        });
            case Verdict.Retry r -> retryLater(m);
            // Normally the worker has released it already (it stops on the first such failure); this is the fallback.
            case Verdict.Stop st ->
                Future.fromCompletionStage(queue.changeVisibility(List.of(m.handle()), 0), context)
                        .map(Outcomes.OfMessage.RELEASED)
                        .otherwise(Outcomes.OfMessage.RELEASED);
        };
    }

    /** Deletes a message that needs no work (a test event). */
    public Future<Outcomes.OfMessage> delete(ReceivedMessage m, Outcomes.OfMessage outcome) {
        return beforeAck.apply(m).compose(v -> deleteNow(m, outcome));
    }

    private Future<Outcomes.OfMessage> deleteNow(ReceivedMessage m, Outcomes.OfMessage outcome) {
        return deletes.delete(m.handle()).map(ok -> ok ? outcome : Outcomes.OfMessage.DELETE_FAILED);
    }

    private Future<Outcomes.OfMessage> retryLater(ReceivedMessage m) {
        int seconds = backoff.secondsFor(m.receiveCount());
        return Future.fromCompletionStage(queue.changeVisibility(List.of(m.handle()), seconds), context)
                .map(Outcomes.OfMessage.RETRIED)
                .otherwise(Outcomes.OfMessage.RETRIED);
    }
}
