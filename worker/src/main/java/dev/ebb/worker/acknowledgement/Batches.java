package dev.ebb.worker.acknowledgement;

import dev.ebb.worker.port.Queue;
import java.util.ArrayList;
import java.util.List;

/** Items cut into SQS batch calls of at most {@link Queue#MAX_BATCH}. */
public final class Batches {

    private Batches() {}

    public static <T> List<List<T>> of(List<T> items) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i += Queue.MAX_BATCH) {
            out.add(List.copyOf(items.subList(i, Math.min(items.size(), i + Queue.MAX_BATCH))));
        }
        return out;
    }
}
