package dev.ebb.controller.port;

import dev.ebb.controller.reconcile.QueueSnapshot;

/** What the controller needs from SQS: how many messages wait, are being worked on, or are delayed. */
public interface QueueDepth {

    QueueSnapshot read();
}
