package dev.ebb.controller.reconcile;

/** SQS's approximate counts: ApproximateNumberOfMessages, …NotVisible, …Delayed. */
public record QueueSnapshot(long visible, long inFlight, long delayed) {

    /** A negative count would shrink the backlog the formula sizes from. */
    public QueueSnapshot {
        if (visible < 0 || inFlight < 0 || delayed < 0) {
            throw new IllegalArgumentException(
                    "queue counts cannot be negative, got " + visible + "/" + inFlight + "/" + delayed);
        }
    }

    public static QueueSnapshot of(long visible, long inFlight, long delayed) {
        return new QueueSnapshot(visible, inFlight, delayed);
    }
}
