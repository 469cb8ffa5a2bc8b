package dev.ebb.local.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.local.ingest.S3Notification;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

class DeadLettersTest {

    private static MessageAttributeValue text(String s) {
        return MessageAttributeValue.builder().dataType("String").stringValue(s).build();
    }

    @Test
    void theWorkersReasonAndDetailComeFromItsAttributesAndTheKeyIsDecoded() {
        String body = S3Notification.objectCreated("us-east-1", "b", "bad files/x+1.jpg", 5, "e", Instant.EPOCH, 1);

        var got = DeadLetters.parse(
                body, Map.of("ebb-reason", text("corrupt"), "ebb-detail", text("Premature end of JPEG file")));

        assertThat(got).containsExactly(new DeadLetter("bad files/x+1.jpg", "corrupt", "Premature end of JPEG file"));
    }

    @Test
    void aMessageSqsMovedByItselfIsRedriven() {
        String body = S3Notification.objectCreated("us-east-1", "b", "a.jpg", 5, "e", Instant.EPOCH, 1);

        assertThat(DeadLetters.parse(body, Map.of()))
                .singleElement()
                .extracting(DeadLetter::reason)
                .isEqualTo("redriven");
    }

    @Test
    void aBodyThatIsNoS3EventNamesNoInput() {
        assertThat(DeadLetters.parse("not json", Map.of("ebb-reason", text("malformed_event"))))
                .isEmpty();
        assertThat(DeadLetters.parse("{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\"}", Map.of()))
                .isEmpty();
    }
}
