package dev.ebb.worker.acknowledgement;

import dev.ebb.worker.port.Queue;
import dev.ebb.worker.port.ReceivedMessage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps slow messages invisible: every tick, the messages past half their visibility timeout get
 * it extended by a full timeout, ten per ChangeMessageVisibilityBatch call.
 */
public final class Heartbeat {

    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

    private final Context context;
    private final Queue queue;
    private final InFlight inFlight;
    private final int visibilitySeconds;
    private final LongSupplier clock;
    private boolean running;

    public Heartbeat(Context context, Queue queue, InFlight inFlight, int visibilitySeconds, LongSupplier clock) {
        this.context = context;
        this.queue = queue;
        this.inFlight = inFlight;
        this.visibilitySeconds = visibilitySeconds;
        this.clock = clock;
    }

    public void tick() {
        if (running) {
            return;
        }
        List<ReceivedMessage> due = inFlight.dueForHeartbeat(clock.getAsLong());
        if (due.isEmpty()) {
            return;
        }
        running = true;
        long at = clock.getAsLong();
        List<Future<?>> calls = Batches.of(due).stream()
                .<Future<?>>map(batch -> Future.fromCompletionStage(
                                queue.changeVisibility(
                                        batch.stream()
                                                .map(ReceivedMessage::handle)
                                                .toList(),
                                        visibilitySeconds),
                                context)
                        .onSuccess(failed -> {
                            inFlight.extended(
                                    batch.stream()
                                            .filter(m -> !failed.contains(m.id()))
                                            .toList(),
                                    at);
                            if (!failed.isEmpty()) {
                                LOG.warn("visibility of {} could not be extended", failed);
                            }
                        })
                        .onFailure(e -> LOG.warn("heartbeat failed: {}", e.toString())))
                .toList();
        Future.join(calls).onComplete(x -> running = false);
    }
}
