package dev.ebb.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ebb.worker.testing.FaultProxy;
import dev.ebb.worker.testing.Harness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The task dies without a word (OOM kill, host loss): kill -9 in the middle of a run. */
class KillIT {

    @Test
    void messagesComeBackAfterTheVisibilityTimeoutAndAreProcessedWithoutDuplicateOutputs(@TempDir Path dir)
            throws Exception {
        Harness h = new Harness("kill", 3, 5);
        List<String> keys = h.upload(40, "k");
        Path out = dir.resolve("worker-1.jsonl");
        try (FaultProxy slowS3 = FaultProxy.start(h.emulators.s3)) {
            slowS3.policy(r -> r.method().equals("GET") ? new FaultProxy.Delay(300) : FaultProxy.PASS);
            Process worker = Harness.startProcess(
                    Harness.with(h.env(h.emulators.sqs, slowS3.uri()), "EBB_CONCURRENCY", "10"), out);
            await().atMost(Duration.ofSeconds(60)).until(() -> Harness.count(Harness.linesOf(out), "succeeded") >= 5);
            worker.destroyForcibly(); // SIGKILL: no shutdown hook, nothing released
            assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(worker.exitValue()).isEqualTo(137);
        }
        long doneBefore = Harness.count(Harness.linesOf(out), "succeeded");
        assertThat(doneBefore).isLessThan(40);

        // The idle window is longer than the visibility timeout, so the orphaned messages are back before it ends.
        try (Harness.Running second = h.startInProcess(Harness.with(h.env(), "EBB_IDLE_SECONDS", "8"), "kill-2")) {
            assertThat(second.awaitExit()).isZero();
        }
        List<String> outputs = h.aws.keys(h.dest);
        assertThat(new HashSet<>(outputs)).hasSize(outputs.size());
        assertThat(outputs).hasSize(2 * keys.size());
        for (String key : keys) {
            assertThat(outputs).contains("64x64/" + key, "32x48/" + key);
        }
        assertThat(h.aws.depth(h.queues.url())).isZero();
        assertThat(h.aws.depth(h.queues.dlqUrl())).isZero();
    }
}
