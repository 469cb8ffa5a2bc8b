package dev.ebb.worker.observe;

import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Warnings about the worker's own health (a breaker changing state, a call whose retries ran
 * out) as JSON lines on stderr, so that stdout stays one outcome per line. Rate-limited per kind
 * of line: at most one line per {@code key} every {@code intervalMillis}; the next line that gets
 * through says how many were {@code suppressed}, so an outage writes a few lines, not thousands.
 * Any thread.
 */
public final class DiagnosticLog {

    /** Writes the lines: the same JSON-line format (ts, event, fields) as stdout's. */
    private final OutcomeLog lines;

    private final long intervalMillis;
    private final LongSupplier clock;
    private final Map<String, Long> lastWritten = new HashMap<>();
    private final Map<String, Integer> suppressed = new HashMap<>();

    public DiagnosticLog(PrintStream err, long intervalMillis, LongSupplier clock) {
        this.lines = new OutcomeLog(err);
        this.intervalMillis = intervalMillis;
        this.clock = clock;
    }

    /** Writes {@code fields} as a {@code warn} line named {@code event}, unless a line with the same key was written recently. */
    public void warn(String key, String event, JsonObject fields) {
        int skipped;
        synchronized (this) {
            long now = clock.getAsLong();
            Long last = lastWritten.get(key);
            if (last != null && now - last < intervalMillis) {
                suppressed.merge(key, 1, Integer::sum);
                return;
            }
            lastWritten.put(key, now);
            Integer s = suppressed.remove(key);
            skipped = s == null ? 0 : s;
        }
        JsonObject line = new JsonObject().put("level", "warn").mergeIn(fields);
        if (skipped > 0) {
            line.put("suppressed", skipped);
        }
        lines.event(event, line);
    }
}
