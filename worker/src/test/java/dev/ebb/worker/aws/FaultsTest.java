package dev.ebb.worker.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.worker.port.Fault;
import dev.ebb.worker.port.ObjectAbsentException;
import dev.ebb.worker.port.ObjectTooLargeException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** What the SDK throws → the classifier's SDK-free {@link Fault}. */
class FaultsTest {

    static Throwable s3(int status, String code) {
        return S3Exception.builder()
                .statusCode(status)
                .message(code)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(code)
                        .build())
                .build();
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(s3(404, "NoSuchKey"), "Service 404 NoSuchKey"),
                Arguments.of(NoSuchBucketException.builder().statusCode(404).build(), "Service 404 null"),
                Arguments.of(
                        new CompletionException(new CompletionException(s3(403, "AccessDenied"))),
                        "Service 403 AccessDenied"),
                Arguments.of(
                        SqsException.builder()
                                .statusCode(400)
                                .awsErrorDetails(AwsErrorDetails.builder()
                                        .errorCode("ThrottlingException")
                                        .build())
                                .build(),
                        "Service 400 ThrottlingException"),
                Arguments.of(SdkClientException.create("connection reset"), "Connection"),
                Arguments.of(ApiCallAttemptTimeoutException.create(1000), "Connection"),
                Arguments.of(new IOException("broken pipe"), "Connection"),
                Arguments.of(new TimeoutException(), "Connection"),
                Arguments.of(
                        CallNotPermittedException.createCallNotPermittedException(CircuitBreaker.ofDefaults("s3")),
                        "BreakerOpen"),
                Arguments.of(new ObjectTooLargeException(200, 100), "TooLarge"),
                Arguments.of(new ObjectAbsentException("b", "k"), "ObjectAbsent"),
                Arguments.of(new IllegalStateException("bug"), "Internal"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("table")
    void translates(Throwable error, String expected) {
        Fault f = Faults.of(error);
        String got = f instanceof Fault.Service s
                ? "Service " + s.status() + " " + s.code()
                : f.getClass().getSimpleName();
        assertThat(got).isEqualTo(expected);
    }
}
