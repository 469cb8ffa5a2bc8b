package dev.ebb.worker.testing;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** Synchronous clients for arranging and checking a test: queues, buckets, objects, counts. */
public final class Aws {

    public final SqsClient sqs;
    public final S3Client s3;

    public Aws(Emulators e) {
        this(e.sqs, e.s3);
    }

    public Aws(URI sqsEndpoint, URI s3Endpoint) {
        this.sqs = SqsClient.builder()
                .endpointOverride(sqsEndpoint)
                .region(Region.US_EAST_1)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
        this.s3 = S3Client.builder()
                .endpointOverride(s3Endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    public record Queues(String url, String dlqUrl) {}

    /** A source queue with a DLQ behind a redrive policy. */
    public Queues queues(String name, int visibilitySeconds, int maxReceiveCount) {
        String dlq = sqs.createQueue(r -> r.queueName(name + "-dlq")).queueUrl();
        String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        String url = sqs.createQueue(r -> r.queueName(name)
                        .attributes(Map.of(
                                QueueAttributeName.VISIBILITY_TIMEOUT,
                                Integer.toString(visibilitySeconds),
                                QueueAttributeName.REDRIVE_POLICY,
                                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceiveCount
                                        + "\"}")))
                .queueUrl();
        return new Queues(url, dlq);
    }

    public void bucket(String name) {
        s3.createBucket(r -> r.bucket(name));
    }

    public void put(String bucket, String key, byte[] bytes) {
        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
    }

    /** Puts {@code n} small JPEGs under {@code folder/} in {@code bucket} and sends one S3 event each to {@code queueUrl}. */
    public List<String> uploadImages(String queueUrl, String bucket, int n, String folder) {
        List<String> bodies = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String key = folder + "/img-" + i + ".jpg";
            byte[] jpeg = Images.jpeg(120 + i % 7, 90 + i % 5, i);
            put(bucket, key, jpeg);
            bodies.add(Events.created(bucket, key, jpeg.length));
            keys.add(key);
        }
        send(queueUrl, bodies);
        return keys;
    }

    public void send(String queueUrl, List<String> bodies) {
        for (int i = 0; i < bodies.size(); i += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int j = i; j < Math.min(bodies.size(), i + 10); j++) {
                entries.add(SendMessageBatchRequestEntry.builder()
                        .id("m" + j)
                        .messageBody(bodies.get(j))
                        .build());
            }
            var resp = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
            if (!resp.failed().isEmpty()) {
                throw new IllegalStateException("send failed: " + resp.failed());
            }
        }
    }

    /** Visible + in flight + delayed. */
    public int depth(String queueUrl) {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributes();
        return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
    }

    /** Reads (and leaves) everything currently visible on a queue, with message attributes. */
    public List<Message> peekAll(String queueUrl) {
        List<Message> all = new ArrayList<>();
        while (true) {
            var got = sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                            .maxNumberOfMessages(10)
                            .visibilityTimeout(30)
                            .messageAttributeNames("All")
                            .waitTimeSeconds(0))
                    .messages();
            if (got.isEmpty()) {
                return all;
            }
            all.addAll(got);
        }
    }

    public List<String> keys(String bucket) {
        List<String> keys = new ArrayList<>();
        for (var page : s3.listObjectsV2Paginator(r -> r.bucket(bucket))) {
            page.contents().stream().map(S3Object::key).forEach(keys::add);
        }
        return keys;
    }

    public HeadObjectResponse head(String bucket, String key) {
        return s3.headObject(r -> r.bucket(bucket).key(key));
    }

    public byte[] get(String bucket, String key) {
        return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
    }

    public static URI uri(String s) {
        return URI.create(s);
    }
}
