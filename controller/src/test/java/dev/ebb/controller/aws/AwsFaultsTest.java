package dev.ebb.controller.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.controller.errors.ErrorKind;
import java.net.SocketTimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ecs.model.AccessDeniedException;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ServerException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** Exception × status × error code → kind: what a failed cycle means for the next one. */
class AwsFaultsTest {

    static Stream<Arguments> faults() {
        return Stream.of(
                // exception                                                   status  code
                //         kind
                row(AccessDeniedException.builder(), 400, "AccessDeniedException", ErrorKind.TERMINAL),
                row(SqsException.builder(), 403, "AccessDenied", ErrorKind.TERMINAL),
                row(SqsException.builder(), 403, "UnauthorizedOperation", ErrorKind.TERMINAL),
                row(S3Exception.builder(), 403, "AccessDenied", ErrorKind.TERMINAL),
                row(AwsServiceException.builder(), 400, "UnrecognizedClientException", ErrorKind.TERMINAL),
                row(ClusterNotFoundException.builder(), 400, "ClusterNotFoundException", ErrorKind.TERMINAL),
                row(
                        QueueDoesNotExistException.builder(),
                        400,
                        "AWS.SimpleQueueService.NonExistentQueue",
                        ErrorKind.TERMINAL),
                row(QueueDoesNotExistException.builder(), 400, "QueueDoesNotExist", ErrorKind.TERMINAL),
                row(InvalidParameterException.builder(), 400, "InvalidParameterException", ErrorKind.TERMINAL),
                row(ClientException.builder(), 400, "ClientException", ErrorKind.TERMINAL),
                row(S3Exception.builder(), 301, "PermanentRedirect", ErrorKind.TERMINAL),
                row(AwsServiceException.builder(), 400, "ThrottlingException", ErrorKind.TRANSIENT),
                row(SqsException.builder(), 400, "RequestThrottled", ErrorKind.TRANSIENT),
                row(AwsServiceException.builder(), 400, "TooManyRequestsException", ErrorKind.TRANSIENT),
                row(AwsServiceException.builder(), 429, null, ErrorKind.TRANSIENT),
                row(ServerException.builder(), 500, "ServerException", ErrorKind.TRANSIENT),
                row(AwsServiceException.builder(), 503, "ServiceUnavailable", ErrorKind.TRANSIENT),
                row(AwsServiceException.builder(), 400, "ExpiredTokenException", ErrorKind.TRANSIENT));
    }

    static Arguments row(AwsServiceException.Builder builder, int status, String code, ErrorKind kind) {
        return Arguments.of(
                builder.statusCode(status)
                        .awsErrorDetails(
                                AwsErrorDetails.builder().errorCode(code).build())
                        .build(),
                kind);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("faults")
    void classifiesAnswersByStatusAndCode(AwsServiceException e, ErrorKind kind) {
        assertThat(AwsFaults.kind(e))
                .as(e.awsErrorDetails().errorCode() + " " + e.statusCode())
                .isEqualTo(kind);
        assertThat(Retrying.isRetryable(e))
                .as("Retrying retries exactly the transient")
                .isEqualTo(kind == ErrorKind.TRANSIENT);
    }

    static Stream<Arguments> others() {
        return Stream.of(
                Arguments.of(
                        SdkClientException.builder()
                                .message("Unable to execute HTTP request: Read timed out")
                                .cause(new SocketTimeoutException("Read timed out"))
                                .build(),
                        ErrorKind.TRANSIENT),
                Arguments.of(ApiCallAttemptTimeoutException.create(1000), ErrorKind.TRANSIENT),
                Arguments.of(new NullPointerException("plan"), ErrorKind.PROGRAMMING),
                Arguments.of(new IllegalStateException("no ETag was sent"), ErrorKind.PROGRAMMING),
                Arguments.of(new ArithmeticException("/ by zero"), ErrorKind.PROGRAMMING));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("others")
    void classifiesWhatIsNotAnAnswer(RuntimeException e, ErrorKind kind) {
        assertThat(AwsFaults.kind(e)).isEqualTo(kind);
    }
}
