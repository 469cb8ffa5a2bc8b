package dev.ebb.worker.moto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ebb.worker.testing.FaultProxy;
import dev.ebb.worker.testing.Harness;
import dev.ebb.worker.testing.MotoWorld;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A destination bucket that is missing, at start or deleted while the worker runs, is the
 * deployment's fault, not the images': the worker stops with exit code 5 and a message naming the
 * bucket, and dead-letters nothing.
 */
class MisconfiguredDestinationMotoIT {

    static final int MISCONFIGURED = 5;

    @Test
    void aDestinationMissingAtStartStopsTheWorkerBeforeItReceivesAnything(@TempDir Path dir) throws Exception {
        MotoWorld w = new MotoWorld("nodest", 5, 3);
        w.upload(w.source, 5, "a");
        String missing = w.name + "-typo";
        MotoWorld.Worker worker = w.start(Harness.with(w.env(), "EBB_DEST_BUCKET", missing), dir, "worker");

        assertThat(worker.awaitExit()).isEqualTo(MISCONFIGURED);
        assertThat(worker.stderrText()).contains("s3://" + missing, "EBB_DEST_BUCKET", "does not exist");
        assertThat(w.aws.depth(w.queues.dlqUrl())).isZero();
        assertThat(visible(w, w.queues.url()))
                .as("nothing was received: every message is still visible")
                .isEqualTo(5);
    }

    @Test
    void aDestinationDeletedMidRunStopsTheWorkerReleasesWhatItHeldAndAFixedDeploymentFinishesTheRest(@TempDir Path dir)
            throws Exception {
        // A 60 s visibility timeout: a message the worker kept instead of releasing would stay hidden past this test.
        MotoWorld w = new MotoWorld("deldest", 60, 3);
        int total = 40;
        w.upload(w.source, total, "a");
        try (FaultProxy s3 = FaultProxy.start(w.moto.endpoint())) {
            // Slow downloads, so that the bucket is deleted while the worker is well inside the backlog.
            s3.policy(r -> r.method().equals("GET") && r.path().startsWith("/" + w.source + "/")
                    ? new FaultProxy.Delay(250)
                    : FaultProxy.PASS);
            MotoWorld.Worker worker = w.start(Harness.with(w.env(s3.uri()), "EBB_CONCURRENCY", "4"), dir, "worker-1");
            await().atMost(Duration.ofSeconds(90)).until(() -> Harness.count(worker.lines(), "succeeded") >= 3);
            // Uploads held while the bucket is emptied and deleted: a worker writing between the two would
            // keep the bucket non-empty, and a fast one could finish the backlog before it is gone.
            s3.policy(r -> r.method().equals("GET") && r.path().startsWith("/" + w.source + "/")
                    ? new FaultProxy.Delay(250)
                    : r.method().equals("PUT") && r.path().startsWith("/" + w.dest + "/")
                            ? new FaultProxy.Delay(1_500)
                            : FaultProxy.PASS);
            deleteBucket(w, w.dest);

            assertThat(worker.awaitExit()).isEqualTo(MISCONFIGURED);
            assertThat(worker.stderrText()).contains("s3://" + w.dest, "does not exist", "nothing dead-lettered");
            assertThat(worker.lines().getLast().getString("event")).isEqualTo("exit");
            assertThat(worker.lines().getLast().getString("reason")).isEqualTo("destination_missing");
            assertThat(Harness.count(worker.lines(), "succeeded")).isLessThan(total);
        }
        assertThat(w.aws.depth(w.queues.dlqUrl())).as("nothing dead-lettered").isZero();
        assertThat(notVisible(w, w.queues.url()))
                .as("what the worker held was released, not left hidden")
                .isZero();

        // The bucket is back: a new worker processes everything that is left, and nothing was lost.
        w.aws.bucket(w.dest);
        MotoWorld.Worker second = w.start(w.env(), dir, "worker-2");
        assertThat(second.awaitExit()).isZero();
        assertThat(w.aws.depth(w.queues.url())).isZero();
        assertThat(w.aws.depth(w.queues.dlqUrl())).isZero();
    }

    /** Empties and deletes the bucket; the running worker may write between the two, so until it is gone. */
    static void deleteBucket(MotoWorld w, String bucket) {
        await().atMost(Duration.ofSeconds(30))
                .ignoreException(S3Exception.class)
                .until(() -> {
                    for (String key : w.aws.keys(bucket)) {
                        w.aws.s3.deleteObject(r -> r.bucket(bucket).key(key));
                    }
                    w.aws.s3.deleteBucket(r -> r.bucket(bucket));
                    return true;
                });
    }

    static int visible(MotoWorld w, String queue) {
        return attribute(w, queue, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
    }

    static int notVisible(MotoWorld w, String queue) {
        return attribute(w, queue, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE);
    }

    static int attribute(MotoWorld w, String queue, QueueAttributeName name) {
        Map<QueueAttributeName, String> a = w.aws.sqs
                .getQueueAttributes(r -> r.queueUrl(queue).attributeNames(name))
                .attributes();
        return Integer.parseInt(a.get(name));
    }
}
