package dev.ebb.worker.process;

import dev.ebb.worker.port.ReceivedMessage;
import dev.ebb.worker.wire.Outcomes;
import java.util.List;

/**
 * How a message ended ({@link Outcomes.OfMessage}), with the reason when there is one.
 *
 * @param workMillis from receipt until the message gave its permit back (its own work done; only
 *     its acknowledgement, which may wait for a batch, was left)
 * @param totalMillis from receipt until it was acknowledged
 */
public record MessageOutcome(
        ReceivedMessage message,
        Outcomes.OfMessage outcome,
        String reason,
        String detail,
        List<RecordResult> records,
        long workMillis,
        long totalMillis) {}
