package dev.ebb.controller.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.controller.port.Budget;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

class RetryingTest {

    @ParameterizedTest(name = "{0} {1} → retry={2}")
    @CsvSource({
        "400, ThrottlingException, true",
        "400, TooManyRequestsException, true",
        "429, Anything, true",
        "500, ServerException, true",
        "503, ServiceUnavailable, true",
        "400, ClientException, false",
        "400, InvalidParameterException, false",
        "403, AccessDeniedException, false",
    })
    void retriesOnlyWhatWaitingCanFix(int status, String code, boolean retry) {
        AwsServiceException e = AwsServiceException.builder()
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
                .build();
        assertThat(Retrying.isRetryable(e)).isEqualTo(retry);
    }

    /** What the SDK throws when a call got no answer: with its own retries off it is never flagged retryable, and was given 1 try. */
    @org.junit.jupiter.api.Test
    void aReadTimeoutIsRetriedLikeA5xx() {
        var timeout = software.amazon.awssdk.core.exception.SdkClientException.builder()
                .message("Unable to execute HTTP request: Read timed out")
                .cause(new java.net.SocketTimeoutException("Read timed out"))
                .build();
        assertThat(Retrying.isRetryable(timeout)).isTrue();
        assertThat(Retrying.isRetryable(
                        software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException.create(1000)))
                .isTrue();

        int[] attempts = {0};
        Retrying retrying = new Retrying(
                new Retrying.Backoff(
                        java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(2), 8, java.time.Duration.ZERO),
                Budget.fixed(java.time.Duration.ofSeconds(60)));
        String answer = retrying.call("ecs.ListTasks", () -> {
            if (++attempts[0] < 3) {
                throw timeout;
            }
            return "tasks";
        });
        assertThat(answer).isEqualTo("tasks");
        assertThat(attempts[0]).isEqualTo(3);
    }
}
