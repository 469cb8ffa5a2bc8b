package dev.ebb.controller.reconcile;

/** SQS's approximate counts: ApproximateNumberOfMessages, …NotVisible, …Delayed. */
public record QueueSnapshot(long visible, long inFlight, long delayed) {

    public static QueueSnapshot of(long visible, long inFlight, long delayed) {
        return new QueueSnapshot(visible, inFlight, delayed);
    }
}
