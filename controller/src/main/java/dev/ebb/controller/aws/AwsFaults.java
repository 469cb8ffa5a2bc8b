package dev.ebb.controller.aws;

import dev.ebb.controller.errors.ErrorClassifier;
import dev.ebb.controller.errors.ErrorKind;
import dev.ebb.controller.errors.Fault;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Turns what an SDK call threw into a {@link Fault}, the classifier's SDK-free input. */
public final class AwsFaults {

    private AwsFaults() {}

    /**
     * Every SdkClientException is "no answer": with the SDK's own retries off that is how it reports
     * a read or connect timeout or a reset connection, and its {@code retryable()} flag is false for
     * those, so it cannot be asked.
     */
    public static Fault of(Throwable e) {
        String name = e.getClass().getSimpleName();
        return switch (e) {
            case AwsServiceException s ->
                new Fault.Answered(
                        name,
                        s.statusCode(),
                        s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode(),
                        s.isThrottlingException());
            case SdkClientException c -> new Fault.NoAnswer(name);
            default -> new Fault.Bug(name);
        };
    }

    public static ErrorKind kind(Throwable e) {
        return ErrorClassifier.classify(of(e));
    }
}
