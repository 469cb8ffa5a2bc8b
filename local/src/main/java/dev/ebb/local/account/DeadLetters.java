package dev.ebb.local.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Reads the dead-letter queue at the end of a run: every message once (received with a long
 * visibility timeout and left there), each record's key decoded as S3 encodes it, with the
 * attributes the worker sets when it dead-letters a message ({@code ebb-reason}, {@code ebb-detail}).
 */
public final class DeadLetters {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DeadLetters() {}

    public static List<DeadLetter> read(SqsClient sqs, String dlqUrl) {
        List<DeadLetter> all = new ArrayList<>();
        List<String> handles = new ArrayList<>();
        int emptyReceives = 0;
        while (emptyReceives < 2) {
            List<Message> got = sqs.receiveMessage(r -> r.queueUrl(dlqUrl)
                            .maxNumberOfMessages(10)
                            .visibilityTimeout(600)
                            .waitTimeSeconds(0)
                            .messageAttributeNames("All")
                            .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                    .messages();
            if (got.isEmpty()) {
                emptyReceives++;
            }
            for (Message m : got) {
                all.addAll(parse(m.body(), m.messageAttributes()));
                handles.add(m.receiptHandle());
            }
        }
        // Visible again for whoever looks next (the next report of a --keep-running run, or a person).
        for (int i = 0; i < handles.size(); i += 10) {
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            for (int j = i; j < Math.min(handles.size(), i + 10); j++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder()
                        .id("h" + j)
                        .receiptHandle(handles.get(j))
                        .visibilityTimeout(0)
                        .build());
            }
            sqs.changeMessageVisibilityBatch(r -> r.queueUrl(dlqUrl).entries(entries));
        }
        return all;
    }

    static List<DeadLetter> parse(String body, Map<String, MessageAttributeValue> attributes) {
        String reason = text(attributes, "ebb-reason");
        String detail = text(attributes, "ebb-detail");
        if (reason == null) {
            reason = "redriven";
            detail =
                    "SQS moved the message to the dead-letter queue after its maxReceiveCount receives without a result";
        }
        List<DeadLetter> out = new ArrayList<>();
        try {
            for (JsonNode r : JSON.readTree(body).path("Records")) {
                String encoded = r.path("s3").path("object").path("key").asText(null);
                if (encoded != null) {
                    out.add(new DeadLetter(URLDecoder.decode(encoded, StandardCharsets.UTF_8), reason, detail));
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // not an S3 event: it names no input, so it accounts for none
        }
        return out;
    }

    private static String text(Map<String, MessageAttributeValue> attributes, String name) {
        MessageAttributeValue v = attributes.get(name);
        return v == null || v.stringValue() == null || v.stringValue().equals("-") ? null : v.stringValue();
    }
}
