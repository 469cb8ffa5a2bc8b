package dev.ebb.local.account;

import dev.ebb.image.naming.OutputKeys;
import dev.ebb.image.spec.OutputSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decides, for every input, what became of it — from the two places that prove it: the destination
 * bucket (every expected output present: processed) and the dead-letter queue (failed, with the
 * worker's reason). Anything else is unaccounted for. Pure.
 */
public final class Accounting {

    /** One output object, as copied out of the destination bucket. */
    public record Output(String key, long bytes, int width, int height) {}

    /** What became of one input. */
    public record Entry(String key, String status, String reason, String detail, List<Output> outputs) {}

    public record Result(List<Entry> entries, List<String> unaccounted) {
        public long processed() {
            return entries.stream().filter(e -> e.status().equals("processed")).count();
        }

        public long failed() {
            return entries.size() - processed();
        }

        public Map<String, Long> failedByReason() {
            Map<String, Long> m = new TreeMap<>();
            entries.stream().filter(e -> e.reason() != null).forEach(e -> m.merge(e.reason(), 1L, Long::sum));
            return m;
        }
    }

    private Accounting() {}

    public static Result of(
            List<String> inputKeys, List<OutputSpec> specs, Map<String, Output> outputs, List<DeadLetter> deadLetters) {
        Map<String, DeadLetter> dead = new HashMap<>();
        deadLetters.forEach(d -> dead.putIfAbsent(d.key(), d));
        List<Entry> entries = new ArrayList<>();
        List<String> unaccounted = new ArrayList<>();
        for (String key : inputKeys) {
            List<Output> found = new ArrayList<>();
            for (OutputSpec spec : specs) {
                Output o = outputs.get(OutputKeys.of("", key, spec));
                if (o != null) {
                    found.add(o);
                }
            }
            DeadLetter d = dead.get(key);
            if (found.size() == specs.size()) {
                entries.add(new Entry(key, "processed", null, null, found));
            } else if (d != null) {
                entries.add(new Entry(key, "failed", d.reason(), d.detail(), found));
            } else {
                unaccounted.add(key
                        + (found.isEmpty()
                                ? ": no output and not in the dead-letter queue"
                                : ": " + found.size() + " of " + specs.size()
                                        + " outputs and not in the dead-letter queue"));
            }
        }
        return new Result(entries, unaccounted);
    }
}
