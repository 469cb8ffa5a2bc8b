package dev.ebb.worker.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.worker.port.ReceivedMessage;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A batch answer's failures name entries by position; the worker needs them as message ids. */
class SqsQueueTest {

    private static final List<ReceivedMessage.Handle> HANDLES = List.of(
            new ReceivedMessage.Handle("m-a", "r-a"),
            new ReceivedMessage.Handle("m-b", "r-b"),
            new ReceivedMessage.Handle("m-c", "r-c"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"Successful":[{"Id":"0"},{"Id":"1"},{"Id":"2"}],"Failed":[]}                          | ''
            {"Successful":[{"Id":"0"}],"Failed":[{"Id":"2","Code":"ReceiptHandleIsInvalid"},{"Id":"1"}]} | m-c m-b
            {}                                                                                       | ''
            """)
    void failedEntriesAreTheirMessagesIds(String answer, String ids) {
        assertThat(SqsQueue.failedIds(HANDLES, new JsonObject(answer)))
                .isEqualTo(ids.isBlank() ? List.of() : List.of(ids.split(" ")));
    }
}
