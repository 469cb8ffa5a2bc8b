package dev.ebb.worker.acknowledgement;

import dev.ebb.worker.aws.Queue;
import dev.ebb.worker.aws.ReceivedMessage;
import dev.ebb.worker.errorhandler.Verdict;
import dev.ebb.worker.errorhandler.VisibilityBackoff;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a {@link Verdict}: delete; copy to the dead-letter queue then delete; or hide the
 * message for a backoff delay so it comes back later. Completes with the outcome name used in logs
 * and metrics ({@code succeeded}, {@code dead_lettered}, {@code retried}, {@code delete_failed}).
 */
public final class Acknowledger {

    private static final Logger LOG = LoggerFactory.getLogger(Acknowledger.class);

    private final Context context;
    private final Queue queue;
    private final DeleteBatcher deletes;
    private final VisibilityBackoff backoff;

    public Acknowledger(Context context, Queue queue, DeleteBatcher deletes, VisibilityBackoff backoff) {
        this.context = context;
        this.queue = queue;
        this.deletes = deletes;
        this.backoff = backoff;
    }

    public Future<String> apply(ReceivedMessage m, Verdict verdict) {
        return switch (verdict) {
            case Verdict.Delete d -> delete(m, "succeeded");
            case Verdict.DeadLetter dl -> Future.fromCompletionStage(queue.deadLetter(m, dl.reason(), dl.detail()), context)
                    .compose(sent -> delete(m, "dead_lettered"))
                    .recover(e -> {
                        LOG.warn("could not dead-letter {} ({}); it stays on the queue: {}", m.id(), dl.reason(), e.toString());
                        return retryLater(m);
                    });
            case Verdict.Retry r -> retryLater(m);
            // Normally the worker has released it already (it stops on the first such failure); this is the fallback.
            case Verdict.Stop st -> Future.fromCompletionStage(queue.changeVisibility(List.of(m.handle()), 0), context)
                    .map("released").otherwise("released");
        };
    }

    /** Deletes a message that needs no work (a test event). */
    public Future<String> delete(ReceivedMessage m, String outcome) {
        return deletes.delete(m.handle()).map(ok -> ok ? outcome : "delete_failed");
    }

    private Future<String> retryLater(ReceivedMessage m) {
        int seconds = backoff.secondsFor(m.receiveCount());
        return Future.fromCompletionStage(queue.changeVisibility(List.of(m.handle()), seconds), context)
                .map("retried")
                .otherwise("retried");
    }
}
