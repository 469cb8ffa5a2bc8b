package dev.ebb.controller.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.controller.port.Budget;
import dev.ebb.controller.reconcile.QueueSnapshot;
import dev.ebb.emulators.EmbeddedSqs;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The SQS adapter against embedded ElasticMQ. */
class SqsQueueDepthIT {

    private static EmbeddedSqs elasticMq;
    private static SqsClient sqs;

    @BeforeAll
    static void start() {
        elasticMq = EmbeddedSqs.start();
        sqs = AwsClients.sqs(Optional.of(Region.US_EAST_1), Optional.of(elasticMq.endpoint()));
    }

    @AfterAll
    static void close() {
        sqs.close();
        elasticMq.close();
    }

    @Test
    void readsVisibleInFlightAndDelayed() {
        String url =
                sqs.createQueue(r -> r.queueName("depth-" + UUID.randomUUID())).queueUrl();
        for (int i = 0; i < 7; i++) {
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("visible"));
        }
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("delayed").delaySeconds(600));
        sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(3).visibilityTimeout(600));

        QueueSnapshot depth = new SqsQueueDepth(
                        sqs, url, new Retrying(Retrying.Backoff.DEFAULT, Budget.fixed(Duration.ofSeconds(10))))
                .read();

        assertThat(depth).isEqualTo(QueueSnapshot.of(4, 3, 1));
    }

    @Test
    void emptyQueueIsZero() {
        String url =
                sqs.createQueue(r -> r.queueName("empty-" + UUID.randomUUID())).queueUrl();

        assertThat(new SqsQueueDepth(
                                sqs, url, new Retrying(Retrying.Backoff.DEFAULT, Budget.fixed(Duration.ofSeconds(10))))
                        .read())
                .isEqualTo(QueueSnapshot.of(0, 0, 0));
    }
}
