package dev.ebb.worker.port;

/**
 * What went wrong in one S3 or SQS call, with no SDK types: the input of
 * {@code errorhandler/FailureClassifier}. The adapter builds it from its client's exceptions
 * ({@link ObjectStore#fault}).
 */
public sealed interface Fault {

    /** The service answered with an error. {@code code} is null when the answer had no body (HEAD requests). */
    record Service(int status, String code, boolean throttling, String message) implements Fault {}

    /** No answer: connection refused or reset, a read or connect timeout, DNS. */
    record Connection(String message) implements Fault {}

    /** The circuit breaker refused the call; the service was not asked. */
    record BreakerOpen(String message) implements Fault {}

    /** The source object is larger than {@code EBB_MAX_BYTES}; its body was never read. */
    record TooLarge(String message) implements Fault {}

    /**
     * The store proved the object absent although S3 answered 403 to the read (AWS does that for a
     * missing key when the caller may not list the bucket; the listing then settles it).
     */
    record ObjectAbsent(String message) implements Fault {}

    /** Not an answer from AWS at all: a programming error in the worker (its stack trace is logged). */
    record Internal(Throwable error) implements Fault {}
}
