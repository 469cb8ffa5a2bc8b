package dev.ebb.controller.aws;

import dev.ebb.controller.port.QueueDepth;
import dev.ebb.controller.reconcile.QueueSnapshot;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Queue depth through one GetQueueAttributes call. */
public final class SqsQueueDepth implements QueueDepth {

    private final SqsClient sqs;
    private final String queueUrl;
    private final Retrying retrying;

    public SqsQueueDepth(SqsClient sqs, String queueUrl, Retrying retrying) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.retrying = retrying;
    }

    @Override
    public QueueSnapshot read() {
        Map<QueueAttributeName, String> a = retrying.call(
                "sqs.GetQueueAttributes",
                () -> sqs.getQueueAttributes(GetQueueAttributesRequest.builder()
                                .queueUrl(queueUrl)
                                .attributeNames(
                                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)
                                .build())
                        .attributes());
        return new QueueSnapshot(
                count(a, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
                count(a, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE),
                count(a, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
    }

    private static long count(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
        String value = attributes.get(name);
        return value == null ? 0 : Long.parseLong(value);
    }
}
