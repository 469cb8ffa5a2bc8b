package dev.ebb.controller.errors;

import java.util.Locale;

/**
 * What a failed cycle means for the next one, as controller-runtime decides it: a terminal error is
 * reported and alarmed at once, because retrying cannot fix it; a transient one is retried (within
 * the tick by {@code Retrying}, then by the next tick); a programming error is a bug in the
 * controller, reported with its stack trace.
 */
public enum ErrorKind {
    /** Bad settings or policy, access denied, a missing cluster or queue, an invalid parameter: a person must act. */
    TERMINAL,
    /** Throttling, a 5xx, a call that got no answer: the next try may succeed. */
    TRANSIENT,
    /** Neither an answer from AWS nor a bad input: a bug (an NPE, a broken invariant). */
    PROGRAMMING;

    /** How the decision line and the metrics name it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
