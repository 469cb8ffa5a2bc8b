package dev.ebb.worker.lifecycle;

/** The worker's exit codes, as documented in docs/worker.md. */
public final class ExitCodes {

    /** The queue stayed empty for the idle window, or a stop signal was handled: every message finished or released. */
    public static final int OK = 0;
    /** An unexpected error inside the worker. */
    public static final int FAILED = 1;
    /** The environment is invalid; the message names each variable. */
    public static final int CONFIG = 2;
    /**
     * The queue, its dead-letter queue, or the metrics port could not be set up at start. Not 3:
     * that is what the JVM exits with on {@code -XX:+ExitOnOutOfMemoryError}.
     */
    public static final int STARTUP = 4;
    /**
     * A bucket the worker needs is missing or forbidden (or in another region), found at start or
     * while running: nothing was dead-lettered, what was in flight was released; the message names
     * the bucket.
     */
    public static final int MISCONFIGURED = 5;

    private ExitCodes() {}
}
