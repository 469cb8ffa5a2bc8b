package dev.ebb.worker.aws;

import dev.ebb.worker.errorhandler.FailureClassifier;
import dev.ebb.worker.port.Fault;
import dev.ebb.worker.port.ObjectAbsentException;
import dev.ebb.worker.port.ObjectTooLargeException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns what the SDK (or Resilience4j) throws into a {@link Fault}, the classifier's SDK-free input. */
public final class Faults {

    private Faults() {}

    public static Fault of(Throwable error) {
        Throwable e = unwrap(error);
        return switch (e) {
            case ObjectTooLargeException t -> new Fault.TooLarge(t.getMessage());
            case ObjectAbsentException a -> new Fault.ObjectAbsent(a.getMessage());
            case CallNotPermittedException c -> new Fault.BreakerOpen(c.getMessage());
            case AwsServiceException aws ->
                new Fault.Service(
                        aws.statusCode(),
                        aws.awsErrorDetails() == null
                                ? null
                                : aws.awsErrorDetails().errorCode(),
                        aws.isThrottlingException(),
                        aws.awsErrorDetails() == null
                                ? aws.getMessage()
                                : aws.awsErrorDetails().errorMessage());
            // The SDK reports I/O errors and timeouts (read, connect, API call) as client exceptions.
            case SdkClientException c -> new Fault.Connection(String.valueOf(c.getMessage()));
            case TimeoutException t -> new Fault.Connection("timed out: " + t.getMessage());
            case IOException io -> new Fault.Connection(io.toString());
            case SdkException s -> new Fault.Connection(String.valueOf(s.getMessage()));
            default -> new Fault.Internal(e);
        };
    }

    /** Whether Resilience4j should retry (and a breaker count it as a failure of the service). */
    public static boolean isTransient(Throwable error) {
        return FailureClassifier.isTransient(of(error));
    }

    public static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
