package dev.ebb.worker.errorhandler;

/**
 * What happens to a message once every record in it has a result (decided by
 * {@code process/Verdicts}): delete it, dead-letter it, retry it later, or stop the worker.
 */
public sealed interface Verdict {

    /** The worker is set up wrong: release this message (and all others) and exit; see {@link Failure.Configuration}. */
    record Stop(Failure.Configuration cause) implements Verdict {}

    record Delete() implements Verdict {}

    record DeadLetter(String reason, String detail) implements Verdict {}

    record Retry(String reason, String detail) implements Verdict {}
}
