package dev.ebb.worker.testing;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Captures the worker's JSON lines (and echoes them to the test's stdout). */
public final class Lines extends OutputStream {

    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private final List<String> lines = new ArrayList<>();
    private final String label;

    public Lines(String label) {
        this.label = label;
    }

    public PrintStream printStream() {
        return new PrintStream(this, true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            String line = current.toString(StandardCharsets.UTF_8);
            current.reset();
            lines.add(line);
            if (label != null) {
                System.out.println("[" + label + "] " + line);
            }
        } else {
            current.write(b);
        }
    }

    /** Parsed outside the lock, so a test polling this does not hold up the worker's writes. */
    public List<JsonObject> json() {
        List<String> copy;
        synchronized (this) {
            copy = List.copyOf(lines);
        }
        return copy.stream().filter(l -> l.startsWith("{")).map(JsonObject::new).toList();
    }

    public List<JsonObject> messages(Predicate<JsonObject> which) {
        return json().stream()
                .filter(j -> "message".equals(j.getString("event")))
                .filter(which)
                .toList();
    }

    public static List<JsonObject> parse(List<String> lines) {
        return lines.stream()
                .filter(l -> l.startsWith("{"))
                .map(JsonObject::new)
                .toList();
    }

    public static Predicate<JsonObject> outcome(String outcome) {
        return j -> outcome.equals(j.getString("outcome"));
    }
}
