package dev.ebb.worker.lifecycle;

/**
 * The worker could not start: a queue it needs is missing or unreachable, or its port is taken
 * ({@link ExitCodes#STARTUP}); or a bucket is missing or forbidden ({@link ExitCodes#MISCONFIGURED}).
 */
public final class StartupException extends Exception {

    private final int exitCode;

    public StartupException(String message, Throwable cause) {
        this(message, cause, ExitCodes.STARTUP);
    }

    public StartupException(String message, Throwable cause, int exitCode) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
