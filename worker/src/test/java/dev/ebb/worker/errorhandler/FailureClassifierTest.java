package dev.ebb.worker.errorhandler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.worker.aws.ObjectTooLargeException;
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
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.model.SqsException;

class FailureClassifierTest {

    static Throwable s3(int status, String code) {
        return S3Exception.builder().statusCode(status).message(code)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).build();
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(s3(404, "NoSuchKey"), "permanent", "source_missing"),
                Arguments.of(s3(404, "NoSuchBucket"), "permanent", "source_missing"),
                Arguments.of(s3(400, "InvalidArgument"), "permanent", "aws_rejected"),
                Arguments.of(new ObjectTooLargeException(200, 100), "permanent", "too_large"),
                Arguments.of(s3(503, "SlowDown"), "transient", "throttled"),
                Arguments.of(s3(500, "InternalError"), "transient", "aws_500"),
                Arguments.of(s3(403, "AccessDenied"), "transient", "aws_403"),
                Arguments.of(SqsException.builder().statusCode(400).awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("ThrottlingException").build()).build(), "transient", "throttled"),
                Arguments.of(SqsException.builder().statusCode(500).build(), "transient", "aws_500"),
                Arguments.of(SdkClientException.create("connection reset"), "transient", "connection"),
                Arguments.of(new IOException("broken pipe"), "transient", "connection"),
                Arguments.of(new TimeoutException(), "transient", "connection"),
                Arguments.of(new CompletionException(s3(404, "NoSuchKey")), "permanent", "source_missing"),
                Arguments.of(new CompletionException(new CompletionException(SdkClientException.create("x"))), "transient", "connection"),
                Arguments.of(CallNotPermittedException.createCallNotPermittedException(CircuitBreaker.ofDefaults("s3")), "transient", "breaker_open"),
                Arguments.of(new IllegalStateException("bug"), "transient", "internal"));
    }

    @ParameterizedTest
    @MethodSource("table")
    void classifies(Throwable error, String kind, String reason) {
        Failure f = FailureClassifier.classify(error);
        assertThat(f instanceof Failure.Permanent ? "permanent" : "transient").isEqualTo(kind);
        assertThat(f.reason()).isEqualTo(reason);
    }

    @ParameterizedTest
    @MethodSource("table")
    void retriesExactlyTheTransientOnesButNeverAnOpenBreaker(Throwable error, String kind, String reason) {
        assertThat(FailureClassifier.isTransient(error)).isEqualTo(kind.equals("transient") && !reason.equals("breaker_open"));
    }
}
