package dev.ebb.worker.moto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.worker.testing.Events;
import dev.ebb.worker.testing.FaultProxy;
import dev.ebb.worker.testing.Harness;
import dev.ebb.worker.testing.Images;
import dev.ebb.worker.testing.MotoWorld;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On AWS, GetObject of a missing key answers 403 AccessDenied unless the role may list the bucket.
 * No emulator does that (moto and S3Proxy answer 404), so here, and only here, a proxy in front of
 * moto plays AWS: it answers 403 to the GET of one object. Everything else is moto's own answer,
 * including the ListObjectsV2 by which the worker tells a missing image from a role that may not read.
 */
class MissingSourceBehind403MotoIT {

    static final String ACCESS_DENIED = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code>"
            + "<Message>Access Denied</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>";

    @Test
    void aDeletedSourceThatS3AnswersWith403IsDeadLetteredAsSourceMissingOnItsFirstReceive(@TempDir Path dir)
            throws Exception {
        MotoWorld w = new MotoWorld("gone403", 5, 5);
        List<String> keys = w.upload(w.source, 3, "ok");
        byte[] jpeg = Images.jpeg(100, 80, 1);
        String gone = Events.created(
                w.source, "gone/deleted.jpg", jpeg.length); // uploaded, then deleted before the worker came
        w.aws.send(w.queues.url(), List.of(gone));

        try (FaultProxy s3 = FaultProxy.start(w.moto.endpoint())) {
            s3.policy(r -> r.method().equals("GET") && r.path().equals("/" + w.source + "/gone/deleted.jpg")
                    ? new FaultProxy.Fail(403, "application/xml", ACCESS_DENIED)
                    : FaultProxy.PASS);
            MotoWorld.Worker worker = w.start(w.env(s3.uri()), dir, "worker");
            assertThat(worker.awaitExit()).isZero();

            var deadLettered = worker.lines().stream()
                    .filter(j -> "dead_lettered".equals(j.getString("outcome")))
                    .toList();
            assertThat(deadLettered).singleElement().satisfies(j -> {
                assertThat(j.getString("reason")).isEqualTo("source_missing");
                assertThat(j.getInteger("receive_count"))
                        .as("on its first receive, not after retries")
                        .isEqualTo(1);
            });
            assertThat(s3.count(r -> r.method().equals("GET") && r.path().equals("/" + w.source)))
                    .as("the listing that settled it")
                    .isPositive();
        }
        assertThat(w.reasonsOnDeadLetterQueue()).containsExactly(Map.entry(gone, "source_missing"));
        assertThat(w.aws.keys(w.dest)).hasSize(2 * keys.size());
        assertThat(w.aws.depth(w.queues.url())).isZero();
    }

    @Test
    void anImageTheRoleMayNotReadStopsTheWorkerInsteadOfBurningTheBacklog(@TempDir Path dir) throws Exception {
        MotoWorld w = new MotoWorld("locked403", 5, 5);
        byte[] jpeg = Images.jpeg(100, 80, 1);
        w.aws.put(w.source, "locked/cat.jpg", jpeg); // it exists: the 403 is a real AccessDenied
        w.aws.send(w.queues.url(), List.of(Events.created(w.source, "locked/cat.jpg", jpeg.length)));

        try (FaultProxy s3 = FaultProxy.start(w.moto.endpoint())) {
            s3.policy(r -> r.method().equals("GET") && r.path().startsWith("/" + w.source + "/locked/")
                    ? new FaultProxy.Fail(403, "application/xml", ACCESS_DENIED)
                    : FaultProxy.PASS);
            MotoWorld.Worker worker = w.start(Harness.with(w.env(s3.uri()), "EBB_CONCURRENCY", "1"), dir, "worker");
            assertThat(worker.awaitExit()).isEqualTo(5);
            assertThat(worker.stderrText()).contains("s3://" + w.source, "s3:GetObject");
        }
        assertThat(w.aws.depth(w.queues.dlqUrl())).isZero();
        assertThat(MisconfiguredDestinationMotoIT.visible(w, w.queues.url()))
                .as("released at once")
                .isEqualTo(1);
    }
}
