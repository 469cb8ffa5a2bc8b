package dev.ebb.worker.errorhandler;

/** Why a record or a message failed, decided once: a permanent failure is never retried. */
public sealed interface Failure {

    /** A stable code: metric tag, log field, and the dead-letter message's {@code ebb-reason}. */
    String reason();

    String detail();

    /** Retrying cannot help, and the fault is the image's (the engine's reasons, a missing source, a malformed event). */
    record Permanent(String reason, String detail) implements Failure {}

    /** The world may be better later (5xx, throttling, timeouts, connection errors, an open breaker). */
    record Transient(String reason, String detail) implements Failure {}

    /**
     * The worker is set up wrong (a missing or forbidden bucket, a bucket in another region): no
     * image would succeed, so the worker stops and releases what it holds instead of dead-lettering
     * good images. {@code detail} names the bucket and what to fix.
     */
    record Configuration(String reason, String detail) implements Failure {}
}
