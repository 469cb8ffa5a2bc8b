package dev.ebb.controller.errors;

import java.io.PrintWriter;
import java.io.StringWriter;

/** A stack trace as text for one log line, cut short so a deep one cannot swamp the line. */
public final class Traces {

    /** Enough for the frames that matter and a cause or two; CloudWatch Logs takes events up to 256 KB. */
    static final int MAX_CHARS = 16_000;

    private Traces() {}

    public static String of(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        String trace = out.toString();
        return trace.length() <= MAX_CHARS
                ? trace
                : trace.substring(0, MAX_CHARS) + "\n\t... (cut at " + MAX_CHARS + " characters)";
    }
}
