package dev.ebb.controller.aws;

import static org.assertj.core.api.Assertions.assertThat;

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
        AwsServiceException e = AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build()).build();
        assertThat(Retrying.isRetryable(e)).isEqualTo(retry);
    }
}
