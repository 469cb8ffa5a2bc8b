package dev.ebb.local.ingest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Uploads inputs to the source bucket and, for each upload, sends the S3 event notification to the
 * queue (S3 would; S3Proxy does not). Events go in batches of 10, the SQS limit.
 */
public final class Ingest {

    private final S3Client s3;
    private final SqsClient sqs;
    private final String region;
    private final String bucket;
    private final String queueUrl;
    private final Clock clock;
    /** Told how many messages each send put on the queue: what SQS counts as NumberOfMessagesSent. */
    private volatile LongConsumer sentTo = n -> {};

    private long sequence;

    public Ingest(S3Client s3, SqsClient sqs, String region, String bucket, String queueUrl, Clock clock) {
        this.s3 = s3;
        this.sqs = sqs;
        this.region = region;
        this.bucket = bucket;
        this.queueUrl = queueUrl;
        this.clock = clock;
    }

    /** Reports every batch put on the queue to {@code counter} (the local load source), from now on. */
    public void countSentWith(LongConsumer counter) {
        this.sentTo = counter;
    }

    public void upload(List<InputFiles.Input> inputs) {
        List<String> events = new ArrayList<>();
        for (InputFiles.Input in : inputs) {
            String eTag = s3.putObject(r -> r.bucket(bucket).key(in.key()), RequestBody.fromFile(in.file()))
                    .eTag();
            events.add(S3Notification.objectCreated(
                    region, bucket, in.key(), in.size(), unquote(eTag), clock.instant(), ++sequence));
            if (events.size() == 10) {
                send(events);
                events.clear();
            }
        }
        if (!events.isEmpty()) {
            send(events);
        }
    }

    private void send(List<String> bodies) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            entries.add(SendMessageBatchRequestEntry.builder()
                    .id("e" + i)
                    .messageBody(bodies.get(i))
                    .build());
        }
        var resp = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
        if (!resp.failed().isEmpty()) {
            throw new IllegalStateException("the queue refused " + resp.failed().size() + " event(s): "
                    + resp.failed().getFirst().message());
        }
        sentTo.accept(resp.successful().size());
    }

    private static String unquote(String eTag) {
        return eTag == null ? "" : eTag.replace("\"", "");
    }
}
