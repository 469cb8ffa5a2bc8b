package dev.ebb.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.worker.testing.Events;
import dev.ebb.worker.testing.FaultProxy;
import dev.ebb.worker.testing.Harness;
import dev.ebb.worker.testing.Images;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeartbeatIT {

    @Test
    void aSlowMessageOutlivingItsVisibilityTimeoutIsKeptByTheHeartbeatAndProcessedOnce() throws Exception {
        Harness h = new Harness("beat", 2, 5);
        byte[] jpeg = Images.jpeg(200, 150, 3);
        h.aws.put(h.source, "slow/big.jpg", jpeg);
        h.aws.send(h.queues.url(), List.of(Events.created(h.source, "slow/big.jpg", jpeg.length)));
        try (FaultProxy s3 = FaultProxy.start(h.emulators.s3);
                FaultProxy sqs = FaultProxy.start(h.emulators.sqs)) {
            // The download alone takes 3.5 visibility timeouts.
            s3.policy(r -> r.method().equals("GET") && r.path().contains("/slow/")
                    ? new FaultProxy.Delay(7_000)
                    : FaultProxy.PASS);
            try (Harness.Running w = h.startInProcess(h.env(sqs.uri(), s3.uri()), "beat")) {
                assertThat(w.awaitExit()).isZero();
                var done = w.lines().messages(j -> true);
                assertThat(done).hasSize(1);
                assertThat(done.getFirst().getString("outcome")).isEqualTo("succeeded");
                assertThat(done.getFirst().getInteger("receive_count")).isEqualTo(1);
                assertThat(w.metric("ebb_worker_messages_received_total")).isEqualTo(1.0);
            }
            assertThat(sqs.count(FaultProxy.op("ChangeMessageVisibilityBatch"))).isGreaterThanOrEqualTo(3);
            assertThat(s3.count(r -> r.method().equals("GET") && r.path().contains("/slow/")))
                    .isEqualTo(1);
        }
        assertThat(h.aws.keys(h.dest)).containsExactlyInAnyOrder("64x64/slow/big.jpg", "32x48/slow/big.jpg");
        assertThat(h.aws.depth(h.queues.url())).isZero();
        assertThat(h.aws.depth(h.queues.dlqUrl())).isZero();
    }
}
