package dev.ebb.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ebb.worker.testing.FaultProxy;
import dev.ebb.worker.testing.Harness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ECS stops a task (scale-in, Spot notice): SIGTERM to a real worker process in the middle of a batch. */
class SigtermIT {

    @Test
    void sigtermReleasesWhatCannotFinishInTheGracePeriodAndASecondWorkerTakesItAtOnce(@TempDir Path dir)
            throws Exception {
        // A 30 s visibility timeout: a message that was not released would stay hidden longer than this test waits.
        Harness h = new Harness("term", 30, 5);
        h.upload(30, "batch");
        try (FaultProxy slowS3 = FaultProxy.start(h.emulators.s3)) {
            // Downloads take 4 s: longer than the 1 s grace period.
            slowS3.policy(r -> r.method().equals("GET") && r.path().contains("/batch/")
                    ? new FaultProxy.Delay(4_000)
                    : FaultProxy.PASS);
            Map<String, String> env = Harness.with(
                    h.env(h.emulators.sqs, slowS3.uri()),
                    "EBB_CONCURRENCY",
                    "10",
                    "EBB_GRACE_SECONDS",
                    "1",
                    "EBB_IDLE_SECONDS",
                    "30");
            Path out = dir.resolve("worker-1.jsonl");
            Process worker = Harness.startProcess(env, out);

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> slowS3.count(r -> r.method().equals("GET")) >= 10);
            worker.destroy(); // SIGTERM
            assertThat(worker.waitFor(30, TimeUnit.SECONDS))
                    .as("worker exits after its grace period")
                    .isTrue();
            assertThat(worker.exitValue()).isZero();

            var lines = Harness.linesOf(out);
            assertThat(lines).anySatisfy(j -> assertThat(j.getString("event")).isEqualTo("stopping"));
            assertThat(lines.getLast().getString("event")).isEqualTo("exit");
            long released = Harness.count(lines, "released");
            assertThat(released)
                    .as("in-flight messages released at the end of the grace period")
                    .isEqualTo(10);
            assertThat(Harness.count(lines, "succeeded")).isZero();
        }

        // A second worker gets the released messages immediately, not after the 30 s visibility timeout.
        try (Harness.Running second = h.startInProcess(Harness.with(h.env(), "EBB_IDLE_SECONDS", "3"), "term-2")) {
            assertThat(second.awaitExit()).isZero();
            assertThat(second.lines().messages(j -> "succeeded".equals(j.getString("outcome"))))
                    .hasSize(30);
        }
        assertThat(h.aws.keys(h.dest)).hasSize(60);
        assertThat(h.aws.depth(h.queues.url())).isZero();
        assertThat(h.aws.depth(h.queues.dlqUrl())).isZero();
    }

    @Test
    void sigtermWhileIdleExitsAtOnce(@TempDir Path dir) throws Exception {
        Harness h = new Harness("term-idle", 30, 5);
        Path out = dir.resolve("worker.jsonl");
        Process worker = Harness.startProcess(
                Harness.with(h.env(), "EBB_IDLE_SECONDS", "600", "EBB_WAIT_TIME_SECONDS", "20"), out);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Files.exists(out) && Files.readString(out).contains("\"event\":\"start\""));
        worker.destroy();
        assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(worker.exitValue()).isZero();
        List<io.vertx.core.json.JsonObject> lines = Harness.linesOf(out);
        assertThat(lines.getLast().getString("reason")).isEqualTo("SIGTERM");
    }
}
