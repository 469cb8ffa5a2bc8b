package dev.ebb.worker.aws;

import dev.ebb.worker.port.Queue;
import dev.ebb.worker.port.QueueInfo;
import dev.ebb.worker.port.ReceivedMessage;
import io.vertx.core.Context;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * {@link Queue} over {@link SqsHttp}, on the worker's event loop; every call goes through the SQS
 * {@link Guard}. Bodies and attributes SQS sends back are checked against its MD5 digests, as the
 * SDK's client checks them.
 */
public final class SqsQueue implements Queue {

    private static final String RECEIVE_COUNT = "ApproximateReceiveCount";

    private final SqsHttp sqs;
    private final Context context;
    private final Guard guard;
    private final String queueUrl;
    private final String deadLetterUrl;

    public SqsQueue(SqsHttp sqs, Context context, Guard guard, String queueUrl, String deadLetterUrl) {
        this.sqs = sqs;
        this.context = context;
        this.guard = guard;
        this.queueUrl = queueUrl;
        this.deadLetterUrl = deadLetterUrl;
    }

    /**
     * Reads the visibility timeout and redrive policy of {@code queueUrl}, and its ARN, from which
     * the dead-letter queue's URL follows ({@link QueueUrls}).
     */
    public static CompletableFuture<QueueInfo> describe(SqsHttp sqs, Context context, Guard guard, String queueUrl) {
        return guard.call(
                        "GetQueueAttributes",
                        () -> sqs.call(
                                context,
                                "GetQueueAttributes",
                                attributes(queueUrl, "VisibilityTimeout", "RedrivePolicy", "QueueArn")))
                .thenApply(answer -> {
                    JsonObject a = answer.getJsonObject("Attributes", new JsonObject());
                    int visibility = Integer.parseInt(a.getString("VisibilityTimeout", "30"));
                    Optional<RedrivePolicy> redrive =
                            Optional.ofNullable(a.getString("RedrivePolicy")).flatMap(RedrivePolicy::parse);
                    Optional<String> ownArn = Optional.ofNullable(a.getString("QueueArn"));
                    return new QueueInfo(
                            visibility,
                            redrive.map(RedrivePolicy::maxReceiveCount),
                            redrive.map(RedrivePolicy::deadLetterTargetArn),
                            redrive.flatMap(r ->
                                    ownArn.flatMap(arn -> QueueUrls.sibling(queueUrl, arn, r.deadLetterTargetArn()))));
                });
    }

    /** The URL of the queue an ARN names (the queue name is the ARN's last part). */
    public static CompletableFuture<String> urlOf(SqsHttp sqs, Context context, Guard guard, String arn) {
        String name = arn.substring(arn.lastIndexOf(':') + 1);
        return guard.call(
                        "GetQueueUrl", () -> sqs.call(context, "GetQueueUrl", new JsonObject().put("QueueName", name)))
                .thenApply(answer -> required(answer, "QueueUrl", "GetQueueUrl"));
    }

    @Override
    public CompletableFuture<List<ReceivedMessage>> receive(int max, int waitSeconds, int visibilitySeconds) {
        JsonObject input = new JsonObject()
                .put("QueueUrl", queueUrl)
                .put("MaxNumberOfMessages", max)
                .put("WaitTimeSeconds", waitSeconds)
                .put("VisibilityTimeout", visibilitySeconds)
                .put("MessageSystemAttributeNames", new JsonArray().add(RECEIVE_COUNT));
        return guard.once(
                "ReceiveMessage",
                () -> sqs.call(context, "ReceiveMessage", input).thenApply(SqsQueue::messages));
    }

    private static List<ReceivedMessage> messages(JsonObject answer) {
        JsonArray messages = answer.getJsonArray("Messages", new JsonArray());
        List<ReceivedMessage> received = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            JsonObject m = messages.getJsonObject(i);
            String id = required(m, "MessageId", "ReceiveMessage");
            String body = m.getString("Body", "");
            String md5 = m.getString("MD5OfBody");
            if (md5 != null && !md5.equalsIgnoreCase(SqsChecksums.ofBody(body))) {
                // as the SDK's client does: the batch is refused, and comes back after its visibility timeout
                throw SdkClientException.create("the body of message " + id + " does not match its MD5OfBody " + md5);
            }
            JsonObject attributes = m.getJsonObject("Attributes", new JsonObject());
            received.add(new ReceivedMessage(
                    id,
                    required(m, "ReceiptHandle", "ReceiveMessage"),
                    body,
                    Integer.parseInt(attributes.getString(RECEIVE_COUNT, "1"))));
        }
        return received;
    }

    @Override
    public CompletableFuture<List<String>> delete(List<ReceivedMessage.Handle> handles) {
        JsonObject input = entries(handles, entry -> {});
        // the operation named at the guard: infra's LeastPrivilegeTest reads the worker's calls from there
        return guard.call("DeleteMessageBatch", () -> sqs.call(context, "DeleteMessageBatch", input))
                .thenApply(answer -> failedIds(handles, answer));
    }

    @Override
    public CompletableFuture<List<String>> changeVisibility(List<ReceivedMessage.Handle> handles, int seconds) {
        JsonObject input = entries(handles, entry -> entry.put("VisibilityTimeout", seconds));
        return guard.call(
                        "ChangeMessageVisibilityBatch", () -> sqs.call(context, "ChangeMessageVisibilityBatch", input))
                .thenApply(answer -> failedIds(handles, answer));
    }

    /** A batch request's input: entries numbered by their position. */
    private JsonObject entries(List<ReceivedMessage.Handle> handles, Consumer<JsonObject> extra) {
        JsonArray entries = new JsonArray();
        for (int i = 0; i < handles.size(); i++) {
            JsonObject entry = new JsonObject()
                    .put("Id", Integer.toString(i))
                    .put("ReceiptHandle", handles.get(i).receiptHandle());
            extra.accept(entry);
            entries.add(entry);
        }
        return new JsonObject().put("QueueUrl", queueUrl).put("Entries", entries);
    }

    /** The message ids SQS reports as failed, from the positions that numbered the entries. */
    static List<String> failedIds(List<ReceivedMessage.Handle> handles, JsonObject answer) {
        JsonArray failed = answer.getJsonArray("Failed", new JsonArray());
        List<String> ids = new ArrayList<>(failed.size());
        for (int i = 0; i < failed.size(); i++) {
            ids.add(handles.get(Integer.parseInt(failed.getJsonObject(i).getString("Id")))
                    .id());
        }
        return ids;
    }

    @Override
    public CompletableFuture<Void> deadLetter(ReceivedMessage message, String reason, String detail) {
        Map<String, SqsChecksums.Attribute> attributes = new LinkedHashMap<>();
        attributes.put("ebb-reason", text(reason));
        attributes.put("ebb-detail", text(detail));
        attributes.put("ebb-source-message-id", text(message.id()));
        attributes.put(
                "ebb-receive-count", new SqsChecksums.Attribute("Number", Integer.toString(message.receiveCount())));
        JsonObject wire = new JsonObject();
        attributes.forEach((name, a) ->
                wire.put(name, new JsonObject().put("DataType", a.dataType()).put("StringValue", a.value())));
        JsonObject input = new JsonObject()
                .put("QueueUrl", deadLetterUrl)
                .put("MessageBody", message.body())
                .put("MessageAttributes", wire);
        // checked inside the guarded call: a damaged send is retried like an I/O failure
        return guard.call(
                "SendMessage",
                () -> sqs.call(context, "SendMessage", input).thenApply(answer -> {
                    check(answer, "MD5OfMessageBody", SqsChecksums.ofBody(message.body()), message);
                    check(answer, "MD5OfMessageAttributes", SqsChecksums.ofStringAttributes(attributes), message);
                    return null;
                }));
    }

    /** A digest SQS computed of what it stored, against ours of what was sent. */
    private static void check(JsonObject answer, String field, String expected, ReceivedMessage message) {
        String actual = answer.getString(field);
        if (actual != null && !actual.equalsIgnoreCase(expected)) {
            throw SdkClientException.create("SendMessage of " + message.id() + " to the dead-letter queue: " + field
                    + " " + actual + " is not the " + expected + " of what was sent");
        }
    }

    @Override
    public CompletableFuture<Void> probe() {
        return guard.once(
                        "GetQueueAttributes",
                        () -> sqs.call(context, "GetQueueAttributes", attributes(queueUrl, "VisibilityTimeout")))
                .thenApply(r -> null);
    }

    @Override
    public CompletableFuture<Integer> invisibleCount() {
        return guard.call(
                        "GetQueueAttributes",
                        () -> sqs.call(
                                context,
                                "GetQueueAttributes",
                                attributes(queueUrl, "ApproximateNumberOfMessagesNotVisible")))
                .thenApply(answer -> Integer.parseInt(answer.getJsonObject("Attributes", new JsonObject())
                        .getString("ApproximateNumberOfMessagesNotVisible", "0")));
    }

    private static JsonObject attributes(String queueUrl, String... names) {
        return new JsonObject().put("QueueUrl", queueUrl).put("AttributeNames", new JsonArray(List.of((Object[])
                names)));
    }

    private static SqsChecksums.Attribute text(String s) {
        return new SqsChecksums.Attribute("String", s == null || s.isEmpty() ? "-" : s);
    }

    private static String required(JsonObject o, String field, String action) {
        String value = o.getString(field);
        if (value == null) {
            throw SdkClientException.create("SQS " + action + " answered without " + field + ": " + o.encode());
        }
        return value;
    }
}
