package dev.ebb.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.worker.testing.Events;
import dev.ebb.worker.testing.FaultProxy;
import dev.ebb.worker.testing.Harness;
import dev.ebb.worker.testing.Lines;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Without EBB_DLQ_URL the worker finds its dead-letter queue from the redrive policy: from the
 * queue's own URL when its tail is the account and name of the queue's ARN (no round trip before
 * the first receive), else by GetQueueUrl. Either way a bad image ends up there.
 */
class DeadLetterQueueIT {

    @Test
    void aQueueUrlSpeltAsSqsSpellsItNamesItsDeadLetterQueueWithoutAskingSqs() throws Exception {
        Harness h = new Harness("dlq-url", 5, 3);
        assertThat(dead(h, h.queues.url())).isZero();
    }

    @Test
    void aQueueUrlSpeltAnotherWayHasItsDeadLetterQueueLookedUp() throws Exception {
        Harness h = new Harness("dlq-lookup", 5, 3);
        // ElasticMQ finds a queue by the last part of its URL; the account is not where SQS puts it
        String other = h.queues.url().replaceFirst("/000000000000/", "/queue/");
        assertThat(other).isNotEqualTo(h.queues.url());
        assertThat(dead(h, other)).isEqualTo(1);
    }

    /** Runs a worker on {@code queueUrl} with one bad image; returns how many GetQueueUrl calls it made. */
    private static int dead(Harness h, String queueUrl) throws Exception {
        h.aws.put(h.source, "bad/notes.jpg", "not a picture".getBytes(StandardCharsets.UTF_8));
        h.aws.send(h.queues.url(), List.of(Events.created(h.source, "bad/notes.jpg", 13)));
        try (FaultProxy sqs = FaultProxy.start(h.emulators.sqs)) {
            Map<String, String> env = Harness.workerEnv(queueUrl, h.dest, sqs.uri(), h.emulators.s3);
            int code;
            try (Harness.Running w = h.startInProcess(env, null)) {
                code = w.awaitExit();
                assertThat(w.lines().json().stream().filter(l -> "start".equals(l.getString("event"))))
                        .singleElement()
                        .satisfies(start ->
                                assertThat(start.getString("dead_letter_queue")).endsWith("/" + h.name + "-dlq"));
                assertThat(w.lines().messages(Lines.outcome("dead_lettered"))).hasSize(1);
            }
            assertThat(code).isZero();
            assertThat(h.aws.depth(h.queues.dlqUrl())).isEqualTo(1);
            assertThat(h.aws.depth(h.queues.url())).isZero();
            return sqs.count(FaultProxy.op("GetQueueUrl"));
        }
    }
}
