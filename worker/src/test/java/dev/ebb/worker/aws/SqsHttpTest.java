package dev.ebb.worker.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.worker.port.Fault;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** SQS's JSON error answers read as the SDK reads them, so Faults classifies them as before. */
class SqsHttpTest {

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            400 | AWS.SimpleQueueService.NonExistentQueue;Sender | {"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"no such queue"} | AWS.SimpleQueueService.NonExistentQueue | no such queue    | false
            400 | -                                              | {"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"no such queue"} | QueueDoesNotExist                       | no such queue    | false
            400 | -                                              | {"__type":"ThrottlingException","Message":"slow down"}                      | ThrottlingException                     | slow down        | true
            403 | -                                              | {"__type":"com.amazon.coral.service#AccessDeniedException"}                | AccessDeniedException                   | HTTP 403 from SQS ReceiveMessage | false
            500 | -                                              | <html>not json</html>                                                       | -                                       | HTTP 500 from SQS ReceiveMessage | false
            """)
    void errorsCarryTheSdksCodeAndStatus(
            int status, String queryError, String body, String code, String message, boolean throttling) {
        SqsException e = SqsHttp.error("ReceiveMessage", status, queryError, body, "req-1");

        assertThat(e.statusCode()).isEqualTo(status);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        assertThat(e.requestId()).isEqualTo("req-1");
        assertThat(Faults.of(e))
                .isInstanceOfSatisfying(
                        Fault.Service.class, s -> assertThat(s.throttling()).isEqualTo(throttling));
    }
}
