package dev.ebb.local.emulators;

import dev.ebb.emulators.EmbeddedS3;
import dev.ebb.emulators.EmbeddedSqs;
import dev.ebb.emulators.EmulatorClients;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The local stand-in for the deployed AWS resources: both emulators, the source queue with its
 * dead-letter queue behind a redrive policy (as infra/ creates them), and the two buckets.
 */
public final class LocalAws implements AutoCloseable {

    public static final String SOURCE_BUCKET = "ebb-source";
    public static final String DEST_BUCKET = "ebb-output";
    public static final String QUEUE = "ebb-work";
    public static final String DEAD_LETTER_QUEUE = "ebb-work-dlq";

    /** How the queues are made: visibility timeout and the receives before a message is dead-lettered. */
    public record QueueSettings(int visibilityTimeoutSeconds, int maxReceiveCount) {}

    public final EmbeddedSqs sqsServer;
    public final EmbeddedS3 s3Server;
    public final SqsClient sqs;
    public final S3Client s3;
    public final String queueUrl;
    public final String deadLetterQueueUrl;

    private LocalAws(
            EmbeddedSqs sqsServer, EmbeddedS3 s3Server, SqsClient sqs, S3Client s3, String queueUrl, String dlqUrl) {
        this.sqsServer = sqsServer;
        this.s3Server = s3Server;
        this.sqs = sqs;
        this.s3 = s3;
        this.queueUrl = queueUrl;
        this.deadLetterQueueUrl = dlqUrl;
    }

    /** Starts both emulators (S3's store under {@code storeFolder}) and creates queues and buckets. */
    public static LocalAws start(Path storeFolder, QueueSettings settings) throws Exception {
        EmbeddedSqs sqsServer = EmbeddedSqs.start();
        EmbeddedS3 s3Server = null;
        SqsClient sqs = null;
        S3Client s3 = null;
        try {
            s3Server = EmbeddedS3.inFolder(storeFolder);
            sqs = EmulatorClients.sqs(sqsServer.endpoint());
            s3 = EmulatorClients.s3(s3Server.endpoint());
            String dlq = sqs.createQueue(r -> r.queueName(DEAD_LETTER_QUEUE)
                            .attributes(Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "1209600")))
                    .queueUrl();
            String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes()
                    .get(QueueAttributeName.QUEUE_ARN);
            String queue = sqs.createQueue(r -> r.queueName(QUEUE)
                            .attributes(Map.of(
                                    QueueAttributeName.VISIBILITY_TIMEOUT,
                                    Integer.toString(settings.visibilityTimeoutSeconds()),
                                    QueueAttributeName.REDRIVE_POLICY,
                                    "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\""
                                            + settings.maxReceiveCount() + "\"}")))
                    .queueUrl();
            s3.createBucket(r -> r.bucket(SOURCE_BUCKET));
            s3.createBucket(r -> r.bucket(DEST_BUCKET));
            return new LocalAws(sqsServer, s3Server, sqs, s3, queue, dlq);
        } catch (Exception | Error e) {
            closeAll(sqs, s3, s3Server, sqsServer);
            throw e;
        }
    }

    @Override
    public void close() {
        closeAll(sqs, s3, s3Server, sqsServer);
    }

    private static void closeAll(AutoCloseable... all) {
        for (AutoCloseable c : all) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // keep closing the rest
                }
            }
        }
    }
}
