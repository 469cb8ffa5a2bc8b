package dev.ebb.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ebb.worker.testing.FaultProxy;
import dev.ebb.worker.testing.Harness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Faults injected on the wire by a proxy in front of S3 and SQS; the worker's clients are the real ones. */
class FaultsIT {

    @Test
    void transientFaultsOnS3AndSqsAreRetriedAndEveryImageIsProcessed() throws Exception {
        Harness h = new Harness("flaky", 5, 5);
        List<String> keys = h.upload(30, "f");
        try (FaultProxy s3 = FaultProxy.start(h.emulators.s3);
                FaultProxy sqs = FaultProxy.start(h.emulators.sqs)) {
            AtomicInteger s3Calls = new AtomicInteger();
            AtomicInteger sqsCalls = new AtomicInteger();
            // One S3 request in four fails (a 503 SlowDown or a dropped connection); one SQS request in five gets a
            // 500.
            s3.policy(r -> switch (s3Calls.incrementAndGet() % 8) {
                case 1 -> FaultProxy.s3SlowDown();
                case 5 -> new FaultProxy.Drop();
                default -> FaultProxy.PASS;
            });
            sqs.policy(r -> sqsCalls.incrementAndGet() % 5 == 2 ? FaultProxy.sqsInternalError() : FaultProxy.PASS);

            try (Harness.Running w = h.startInProcess(
                    Harness.with(h.env(sqs.uri(), s3.uri()), "EBB_BREAKER_OPEN_SECONDS", "1"), "flaky")) {
                assertThat(w.awaitExit()).isZero();
                assertThat(w.metric("resilience4j_retry_calls_total{kind=\"successful_with_retry\",name=\"s3\"}"))
                        .isPositive();
                assertThat(w.metric("resilience4j_retry_calls_total{kind=\"successful_with_retry\",name=\"sqs\"}"))
                        .isPositive();
            }
        }
        assertThat(h.aws.keys(h.dest)).hasSize(2 * keys.size());
        assertThat(h.aws.depth(h.queues.url())).isZero();
        assertThat(h.aws.depth(h.queues.dlqUrl())).isZero();
    }

    @Test
    void anS3OutageOpensTheBreakerStopsReceivingAndBurnsNoMessage() throws Exception {
        // maxReceiveCount 3: a worker that kept receiving during the outage would dead-letter everything.
        Harness h = new Harness("outage", 3, 3);
        List<String> keys = h.upload(20, "o");
        try (FaultProxy s3 = FaultProxy.start(h.emulators.s3);
                FaultProxy sqs = FaultProxy.start(h.emulators.sqs)) {
            s3.policy(r -> FaultProxy.s3SlowDown());
            Map<String, String> env = Harness.withOutageSettings(h.env(sqs.uri(), s3.uri()));
            try (Harness.Running w = h.startInProcess(env, "outage")) {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> w.metric("resilience4j_circuitbreaker_state{name=\"s3\",state=\"open\"}") == 1.0);
                // While S3 is down the worker probes it (HEAD on the bucket) and receives nothing.
                int probesNow = s3.count(r -> r.method().equals("HEAD"));
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> s3.count(r -> r.method().equals("HEAD")) >= probesNow + 3);
                int receives = sqs.count(FaultProxy.op("ReceiveMessage"));
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> s3.count(r -> r.method().equals("HEAD")) >= probesNow + 6);
                assertThat(sqs.count(FaultProxy.op("ReceiveMessage")))
                        .as("no receive while the S3 breaker is open")
                        .isEqualTo(receives);
                assertThat(h.aws.depth(h.queues.dlqUrl())).isZero();

                s3.pass(); // S3 is back
                assertThat(w.awaitExit()).isZero();
                assertThat(w.metric("resilience4j_circuitbreaker_state{name=\"s3\",state=\"closed\"}"))
                        .isEqualTo(1.0);
            }
        }
        assertThat(h.aws.keys(h.dest)).hasSize(2 * keys.size());
        assertThat(h.aws.depth(h.queues.url())).isZero();
        assertThat(h.aws.depth(h.queues.dlqUrl()))
                .as("the outage moved no message to the dead-letter queue")
                .isZero();
    }
}
