package dev.ebb.controller.errors;

import java.util.Set;

/**
 * Decides what a failed call means from the status and the error code alone. Pure: the one place
 * that does, for the cycle's report and for {@code Retrying}, which retries exactly the transient.
 *
 * <p>A 4xx other than throttling is terminal: the next tick would send the same request and get
 * the same answer (AccessDenied, UnauthorizedOperation, ClusterNotFoundException, a queue that does
 * not exist, InvalidParameterException, ClientException for a task definition that is gone).
 */
public final class ErrorClassifier {

    /** 4xx codes that heal by themselves: throttling under other names, and the caller's clock or credentials. */
    private static final Set<String> TRANSIENT_CLIENT_CODES = Set.of(
            "Throttling",
            "ThrottlingException",
            "ThrottledException",
            "RequestLimitExceeded",
            "TooManyRequestsException",
            "ExpiredToken",
            "ExpiredTokenException",
            "RequestExpired",
            "RequestTimeTooSkewed",
            "RequestTimeout",
            "IDPCommunicationError");

    private ErrorClassifier() {}

    public static ErrorKind classify(Fault fault) {
        return switch (fault) {
            case Fault.Answered a -> answered(a);
            case Fault.NoAnswer n -> ErrorKind.TRANSIENT;
            case Fault.Bug b -> ErrorKind.PROGRAMMING;
        };
    }

    private static ErrorKind answered(Fault.Answered a) {
        if (a.throttling()
                || a.status() == 429
                || a.status() >= 500
                || a.status() == 408
                || (a.code() != null && TRANSIENT_CLIENT_CODES.contains(a.code()))) {
            return ErrorKind.TRANSIENT;
        }
        // 3xx (a region redirect) and 4xx: the same request gets the same answer next tick.
        return a.status() >= 300 ? ErrorKind.TERMINAL : ErrorKind.TRANSIENT;
    }
}
