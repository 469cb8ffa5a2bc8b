package dev.ebb.worker.acknowledgement;

import java.util.ArrayList;
import java.util.List;

/** SQS batch calls take at most 10 entries. */
final class Batches {

    static final int MAX = 10;

    private Batches() {}

    static <T> List<List<T>> of(List<T> items) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i += MAX) {
            out.add(List.copyOf(items.subList(i, Math.min(items.size(), i + MAX))));
        }
        return out;
    }
}
