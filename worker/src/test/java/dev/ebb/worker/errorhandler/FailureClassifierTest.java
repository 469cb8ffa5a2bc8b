package dev.ebb.worker.errorhandler;

import static dev.ebb.worker.errorhandler.Operation.GET_SOURCE;
import static dev.ebb.worker.errorhandler.Operation.HEAD_DESTINATION;
import static dev.ebb.worker.errorhandler.Operation.HEAD_SOURCE;
import static dev.ebb.worker.errorhandler.Operation.HEAD_SOURCE_BUCKET;
import static dev.ebb.worker.errorhandler.Operation.PUT_OUTPUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.worker.port.Fault;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Operation × status × error code → verdict. The same status means different things on different calls. */
class FailureClassifierTest {

    static Stream<Arguments> services() {
        return Stream.of(
                // operation       status  code                      verdict
                row(GET_SOURCE, 404, "NoSuchKey", "permanent:source_missing"),
                row(GET_SOURCE, 404, "NoSuchVersion", "permanent:source_missing"),
                row(GET_SOURCE, 404, "NoSuchBucket", "configuration:source_bucket_missing"),
                row(GET_SOURCE, 403, "AccessDenied", "configuration:source_forbidden"),
                row(GET_SOURCE, 403, "KMS.AccessDeniedException", "configuration:source_forbidden"),
                row(GET_SOURCE, 301, "PermanentRedirect", "configuration:source_wrong_region"),
                row(GET_SOURCE, 400, "AuthorizationHeaderMalformed", "configuration:source_wrong_region"),
                row(GET_SOURCE, 400, "InvalidArgument", "permanent:aws_rejected"),
                row(GET_SOURCE, 400, "ExpiredToken", "transient:aws_transient"),
                row(GET_SOURCE, 403, "RequestTimeTooSkewed", "transient:aws_transient"),
                row(GET_SOURCE, 503, "SlowDown", "transient:throttled"),
                row(GET_SOURCE, 500, "InternalError", "transient:aws_500"),
                row(GET_SOURCE, 408, null, "transient:aws_transient"),
                row(HEAD_SOURCE, 404, null, "permanent:source_missing"),
                row(HEAD_SOURCE, 403, null, "configuration:source_forbidden"),
                row(HEAD_SOURCE_BUCKET, 404, null, "configuration:source_bucket_missing"),
                row(HEAD_SOURCE_BUCKET, 403, null, "configuration:source_forbidden"),
                row(PUT_OUTPUT, 404, "NoSuchBucket", "configuration:destination_missing"),
                row(PUT_OUTPUT, 403, "AccessDenied", "configuration:destination_forbidden"),
                row(PUT_OUTPUT, 301, "PermanentRedirect", "configuration:destination_wrong_region"),
                row(PUT_OUTPUT, 400, "KeyTooLongError", "permanent:aws_rejected"),
                row(PUT_OUTPUT, 503, "SlowDown", "transient:throttled"),
                row(PUT_OUTPUT, 502, null, "transient:aws_502"),
                row(HEAD_DESTINATION, 404, null, "configuration:destination_missing"),
                row(HEAD_DESTINATION, 403, null, "configuration:destination_forbidden"),
                row(PUT_OUTPUT, 400, "ThrottlingException", "transient:throttled"));
    }

    static Arguments row(Operation op, int status, String code, String verdict) {
        return Arguments.of(op, status, code, verdict);
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @MethodSource("services")
    void classifiesServiceErrorsByOperationStatusAndCode(Operation op, int status, String code, String verdict) {
        boolean throttling = "ThrottlingException".equals(code);
        Failure f = FailureClassifier.classify(op, "the-bucket", new Fault.Service(status, code, throttling, "msg"));
        assertThat(kind(f) + ":" + f.reason()).isEqualTo(verdict);
        if (f instanceof Failure.Configuration) {
            assertThat(f.detail()).as("names the bucket").contains("s3://the-bucket");
        }
        assertThat(FailureClassifier.isTransient(new Fault.Service(status, code, throttling, "msg")))
                .isEqualTo(f instanceof Failure.Transient);
    }

    static Stream<Arguments> others() {
        return Stream.of(
                Arguments.of(new Fault.Connection("connection reset"), "transient:connection", true),
                Arguments.of(new Fault.Internal(new IllegalStateException("bug")), "transient:internal", true),
                Arguments.of(
                        new Fault.BreakerOpen("open"),
                        "transient:breaker_open",
                        false), // waits for the breaker, never retried through it
                Arguments.of(new Fault.TooLarge("200 > 100"), "permanent:too_large", false),
                Arguments.of(new Fault.ObjectAbsent("listed: absent"), "permanent:source_missing", false));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("others")
    void classifiesFaultsThatAreNotServiceAnswers(Fault fault, String verdict, boolean retried) {
        for (Operation op : Operation.values()) {
            Failure f = FailureClassifier.classify(op, "b", fault);
            assertThat(kind(f) + ":" + f.reason()).isEqualTo(verdict);
        }
        assertThat(FailureClassifier.isTransient(fault)).isEqualTo(retried);
    }

    static String kind(Failure f) {
        return switch (f) {
            case Failure.Permanent p -> "permanent";
            case Failure.Transient t -> "transient";
            case Failure.Configuration c -> "configuration";
        };
    }
}
