package dev.ebb.worker.errorhandler;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns an exception from an S3 or SQS call into a {@link Failure}. Only what is known to be
 * hopeless is permanent; everything else is transient, so an outage or a missing permission
 * waits (breaker, backoff, redrive policy) rather than burning messages into the dead-letter queue.
 */
public final class FailureClassifier {

    private FailureClassifier() {}

    public static Failure classify(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof dev.ebb.worker.aws.ObjectTooLargeException) {
            return new Failure.Permanent("too_large", e.getMessage());
        }
        if (e instanceof CallNotPermittedException) {
            return new Failure.Transient("breaker_open", e.getMessage());
        }
        if (e instanceof AwsServiceException aws) {
            int status = aws.statusCode();
            String code = aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode();
            String detail = status + " " + (code == null ? "" : code + ": ") + firstLine(aws.getMessage());
            if (status == 404 || "NoSuchKey".equals(code) || "NoSuchBucket".equals(code)) {
                return new Failure.Permanent("source_missing", detail);
            }
            if (aws.isThrottlingException() || status == 429 || status == 503) {
                return new Failure.Transient("throttled", detail);
            }
            if (status >= 500 || status == 403 || status == 408 || status == 0) {
                // 403 is usually a policy being fixed: wait for it rather than dead-letter everything.
                return new Failure.Transient("aws_" + (status == 0 ? "error" : status), detail);
            }
            return new Failure.Permanent("aws_rejected", detail);
        }
        if (e instanceof SdkClientException || e instanceof TimeoutException || e instanceof java.io.IOException) {
            return new Failure.Transient("connection", firstLine(String.valueOf(e.getMessage())));
        }
        if (e instanceof SdkException) {
            return new Failure.Transient("aws_error", firstLine(String.valueOf(e.getMessage())));
        }
        return new Failure.Transient("internal", e.getClass().getSimpleName() + ": " + firstLine(String.valueOf(e.getMessage())));
    }

    /** Whether Resilience4j should retry (and a breaker count as a failure of the service). */
    public static boolean isTransient(Throwable error) {
        return !(unwrap(error) instanceof CallNotPermittedException) && classify(error) instanceof Failure.Transient;
    }

    public static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) : line;
    }
}
