package dev.ebb.worker.port;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What the worker needs from SQS, and nothing else. */
public interface Queue {

    /** SQS's limit: messages per ReceiveMessage, entries per DeleteMessageBatch and ChangeMessageVisibilityBatch. */
    int MAX_BATCH = 10;

    CompletableFuture<List<ReceivedMessage>> receive(int max, int waitSeconds, int visibilitySeconds);

    /** Deletes up to {@link #MAX_BATCH}; completes with the ids that could not be deleted. */
    CompletableFuture<List<String>> delete(List<ReceivedMessage.Handle> handles);

    /** Sets the visibility of up to {@link #MAX_BATCH}; completes with the ids that could not be changed. */
    CompletableFuture<List<String>> changeVisibility(List<ReceivedMessage.Handle> handles, int seconds);

    /** Sends a copy to the dead-letter queue with the reason as message attributes. */
    CompletableFuture<Void> deadLetter(ReceivedMessage message, String reason, String detail);

    /**
     * Messages received by someone and not yet deleted or back (ApproximateNumberOfMessagesNotVisible):
     * other workers' messages in flight, a dead worker's until their visibility timeout ends, and
     * messages waiting out a retry backoff.
     */
    CompletableFuture<Integer> invisibleCount();

    /** A cheap call that succeeds when SQS answers; closes a half-open breaker. */
    CompletableFuture<Void> probe();
}
