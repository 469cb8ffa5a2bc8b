package dev.ebb.worker.port;

/** One SQS message as the worker sees it. */
public record ReceivedMessage(String id, String receiptHandle, String body, int receiveCount) {

    public Handle handle() {
        return new Handle(id, receiptHandle);
    }

    /** What a delete or a visibility change needs. */
    public record Handle(String id, String receiptHandle) {}
}
