package dev.ebb.worker.aws;

import dev.ebb.worker.port.Queue;
import dev.ebb.worker.port.QueueInfo;
import dev.ebb.worker.port.ReceivedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** {@link Queue} over the SDK's async SQS client; every call goes through the SQS {@link Guard}. */
public final class SqsQueue implements Queue {

    private final SqsAsyncClient sqs;
    private final Guard guard;
    private final String queueUrl;
    private final String deadLetterUrl;

    public SqsQueue(SqsAsyncClient sqs, Guard guard, String queueUrl, String deadLetterUrl) {
        this.sqs = sqs;
        this.guard = guard;
        this.queueUrl = queueUrl;
        this.deadLetterUrl = deadLetterUrl;
    }

    /** Reads the visibility timeout and redrive policy of {@code queueUrl}. */
    public static CompletableFuture<QueueInfo> describe(SqsAsyncClient sqs, Guard guard, String queueUrl) {
        return guard.call(
                        "GetQueueAttributes",
                        () -> sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                                .attributeNames(
                                        QueueAttributeName.VISIBILITY_TIMEOUT, QueueAttributeName.REDRIVE_POLICY)))
                .thenApply(resp -> {
                    Map<QueueAttributeName, String> a = resp.attributes();
                    int visibility = Integer.parseInt(a.getOrDefault(QueueAttributeName.VISIBILITY_TIMEOUT, "30"));
                    Optional<RedrivePolicy> redrive = Optional.ofNullable(a.get(QueueAttributeName.REDRIVE_POLICY))
                            .flatMap(RedrivePolicy::parse);
                    return new QueueInfo(
                            visibility,
                            redrive.map(RedrivePolicy::maxReceiveCount),
                            redrive.map(RedrivePolicy::deadLetterTargetArn));
                });
    }

    /** The URL of the queue an ARN names (the queue name is the ARN's last part). */
    public static CompletableFuture<String> urlOf(SqsAsyncClient sqs, Guard guard, String arn) {
        String name = arn.substring(arn.lastIndexOf(':') + 1);
        return guard.call("GetQueueUrl", () -> sqs.getQueueUrl(r -> r.queueName(name)))
                .thenApply(r -> r.queueUrl());
    }

    @Override
    public CompletableFuture<List<ReceivedMessage>> receive(int max, int waitSeconds, int visibilitySeconds) {
        return guard.once(
                        "ReceiveMessage",
                        () -> sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                                .maxNumberOfMessages(max)
                                .waitTimeSeconds(waitSeconds)
                                .visibilityTimeout(visibilitySeconds)
                                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)))
                .thenApply(resp -> resp.messages().stream()
                        .map(m -> new ReceivedMessage(
                                m.messageId(),
                                m.receiptHandle(),
                                m.body(),
                                Integer.parseInt(m.attributes()
                                        .getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1"))))
                        .toList());
    }

    @Override
    public CompletableFuture<List<String>> delete(List<ReceivedMessage.Handle> handles) {
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < handles.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .receiptHandle(handles.get(i).receiptHandle())
                    .build());
        }
        return guard.call(
                        "DeleteMessageBatch",
                        () -> sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(entries)))
                .thenApply(resp -> failedIds(handles, resp.failed()));
    }

    @Override
    public CompletableFuture<List<String>> changeVisibility(List<ReceivedMessage.Handle> handles, int seconds) {
        List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < handles.size(); i++) {
            entries.add(ChangeMessageVisibilityBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .receiptHandle(handles.get(i).receiptHandle())
                    .visibilityTimeout(seconds)
                    .build());
        }
        return guard.call(
                        "ChangeMessageVisibilityBatch",
                        () -> sqs.changeMessageVisibilityBatch(
                                r -> r.queueUrl(queueUrl).entries(entries)))
                .thenApply(resp -> failedIds(handles, resp.failed()));
    }

    @Override
    public CompletableFuture<Void> deadLetter(ReceivedMessage message, String reason, String detail) {
        Map<String, MessageAttributeValue> attributes = Map.of(
                "ebb-reason", text(reason),
                "ebb-detail", text(detail),
                "ebb-source-message-id", text(message.id()),
                "ebb-receive-count",
                        MessageAttributeValue.builder()
                                .dataType("Number")
                                .stringValue(Integer.toString(message.receiveCount()))
                                .build());
        return guard.call(
                        "SendMessage",
                        () -> sqs.sendMessage(r -> r.queueUrl(deadLetterUrl)
                                .messageBody(message.body())
                                .messageAttributes(attributes)))
                .thenApply(r -> null);
    }

    @Override
    public CompletableFuture<Void> probe() {
        return guard.once(
                        "GetQueueAttributes",
                        () -> sqs.getQueueAttributes(
                                r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT)))
                .thenApply(r -> null);
    }

    @Override
    public CompletableFuture<Integer> invisibleCount() {
        return guard.call(
                        "GetQueueAttributes",
                        () -> sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)))
                .thenApply(r -> Integer.parseInt(r.attributes()
                        .getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0")));
    }

    private static MessageAttributeValue text(String s) {
        return MessageAttributeValue.builder()
                .dataType("String")
                .stringValue(s == null || s.isEmpty() ? "-" : s)
                .build();
    }

    private static List<String> failedIds(List<ReceivedMessage.Handle> handles, List<BatchResultErrorEntry> failed) {
        return failed.stream()
                .map(f -> handles.get(Integer.parseInt(f.id())).id())
                .toList();
    }
}
