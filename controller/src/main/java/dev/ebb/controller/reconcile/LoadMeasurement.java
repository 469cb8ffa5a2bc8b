package dev.ebb.controller.reconcile;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the throughput source measured (in AWS: CloudWatch, from SQS's NumberOfMessagesSent and the
 * workers' own reports): a recent window that follows the load, and a long one that remembers how
 * fast a task works after a quiet night, when the recent window is empty.
 */
public record LoadMeasurement(Optional<Window> recent, Optional<Window> longTerm) {

    public static final LoadMeasurement UNKNOWN = new LoadMeasurement(Optional.empty(), Optional.empty());

    /**
     * @param sent messages that arrived on the queue within the window; empty when not measured
     * @param processed messages the workers finished within the window
     * @param busyTaskSeconds task-seconds of capacity the workers were busy: each worker reports, per
     *     second, the larger of its CPU share and its share of permits in use
     */
    public record Window(Duration length, OptionalLong sent, long processed, double busyTaskSeconds) {
        public Window {
            if (length.isNegative() || length.isZero()) {
                throw new IllegalArgumentException("a measurement window must be longer than 0, got " + length);
            }
            if (processed < 0 || busyTaskSeconds < 0 || (sent.isPresent() && sent.getAsLong() < 0)) {
                throw new IllegalArgumentException("counts cannot be negative");
            }
        }
    }

    public static LoadMeasurement of(Window recent, Window longTerm) {
        return new LoadMeasurement(Optional.ofNullable(recent), Optional.ofNullable(longTerm));
    }
}
