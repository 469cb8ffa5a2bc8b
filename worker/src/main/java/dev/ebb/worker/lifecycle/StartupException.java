package dev.ebb.worker.lifecycle;

/** The worker could not start: a queue it needs is missing or unreachable, or its port is taken. */
public final class StartupException extends Exception {

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
