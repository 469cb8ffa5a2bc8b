package dev.ebb.local.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.worker.event.ParsedBody;
import dev.ebb.worker.event.S3Events;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class S3NotificationTest {

    @ParameterizedTest
    @ValueSource(
            strings = {"a.jpg", "batch-1/photo 0001.jpg", "x+y=z.jpg", "été/日本.png", "100%.jpg", "a/b/c/~weird~.JPG"})
    void theWorkersOwnParserReadsBackTheKeyBucketAndSize(String key) {
        String body = S3Notification.objectCreated(
                "us-east-1", "ebb-source", key, 1234, "abc", Instant.parse("2026-11-28T06:00:00Z"), 7);

        ParsedBody parsed = S3Events.parse(body);

        assertThat(parsed).isInstanceOf(ParsedBody.Records.class);
        var records = ((ParsedBody.Records) parsed).records();
        assertThat(records).hasSize(1);
        assertThat(records.getFirst().key()).isEqualTo(key);
        assertThat(records.getFirst().bucket()).isEqualTo("ebb-source");
        assertThat(records.getFirst().size()).contains(1234L);
        assertThat(records.getFirst().isObjectCreated()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"photo 1.jpg"})
    void keysAreFormEncodedAsS3DoesIt(String key) {
        String body = S3Notification.objectCreated("us-east-1", "b", key, 1, "e", Instant.EPOCH, 1);
        assertThat(body)
                .contains("\"key\":\"photo+1.jpg\"")
                .contains("\"eventName\":\"ObjectCreated:Put\"")
                .contains("\"eventSource\":\"aws:s3\"")
                .contains("\"s3SchemaVersion\":\"1.0\"");
    }
}
