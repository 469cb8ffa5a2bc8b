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

/** {@code EBB_SOURCE_BUCKETS}: a message naming any other bucket is dead-lettered unread; several allowed buckets never share an output. */
class SourceBucketsMotoIT {

    @Test
    void aForeignBucketIsDeadLetteredUnreadAndTheSameKeyInTwoAllowedBucketsGivesTwoOutputs(@TempDir Path dir)
            throws Exception {
        MotoWorld w = new MotoWorld("buckets", 5, 3);
        String second = w.name + "-src2";
        String foreign = w.name + "-foreign";
        w.aws.bucket(second);
        w.aws.bucket(foreign);
        byte[] cat = Images.jpeg(120, 90, 1);
        byte[] dog = Images.jpeg(90, 120, 2);
        w.aws.put(w.source, "pets/cat.jpg", cat);
        w.aws.put(second, "pets/cat.jpg", dog);
        w.aws.put(foreign, "pets/cat.jpg", cat);
        String foreignEvent = Events.created(foreign, "pets/cat.jpg", cat.length);
        w.aws.send(
                w.queues.url(),
                List.of(
                        Events.created(w.source, "pets/cat.jpg", cat.length),
                        Events.created(second, "pets/cat.jpg", dog.length),
                        foreignEvent));

        try (FaultProxy s3 = FaultProxy.start(w.moto.endpoint())) {
            Map<String, String> env = Harness.with(w.env(s3.uri()), "EBB_SOURCE_BUCKETS", w.source + "," + second);
            MotoWorld.Worker worker = w.start(env, dir, "worker");
            assertThat(worker.awaitExit()).isZero();
            assertThat(s3.count(r -> r.path().startsWith("/" + foreign)))
                    .as("nothing was read from the foreign bucket")
                    .isZero();
        }
        assertThat(w.reasonsOnDeadLetterQueue()).containsExactly(Map.entry(foreignEvent, "foreign_bucket"));
        assertThat(w.aws.keys(w.dest))
                .containsExactlyInAnyOrder(
                        "64x64/" + w.source + "/pets/cat.jpg", "32x48/" + w.source + "/pets/cat.jpg",
                        "64x64/" + second + "/pets/cat.jpg", "32x48/" + second + "/pets/cat.jpg");
        assertThat(Images.read(w.aws.get(w.dest, "64x64/" + w.source + "/pets/cat.jpg"))
                        .getWidth())
                .isEqualTo(64); // 120x90 → 64x48
        assertThat(Images.read(w.aws.get(w.dest, "64x64/" + second + "/pets/cat.jpg"))
                        .getHeight())
                .isEqualTo(64); // 90x120 → 48x64
        assertThat(w.aws.depth(w.queues.url())).isZero();
    }

    /**
     * Without EBB_SOURCE_BUCKETS no source bucket was declared or checked at start, so a message naming
     * one that does not exist is that message's fault: dead-lettered with the reason, and the worker
     * goes on with the rest instead of stopping (as it does for a declared bucket that is missing).
     */
    @Test
    void anUndeclaredMissingBucketIsTheMessagesFaultNotAStop(@TempDir Path dir) throws Exception {
        MotoWorld w = new MotoWorld("undeclared", 5, 3);
        byte[] cat = Images.jpeg(120, 90, 1);
        w.aws.put(w.source, "pets/cat.jpg", cat);
        String stale = Events.created(w.name + "-deleted-long-ago", "pets/cat.jpg", cat.length);
        w.aws.send(w.queues.url(), List.of(stale, Events.created(w.source, "pets/cat.jpg", cat.length)));

        MotoWorld.Worker worker = w.start(w.env(), dir, "worker");

        assertThat(worker.awaitExit()).as("idle exit, not a configuration stop").isZero();
        assertThat(w.reasonsOnDeadLetterQueue()).containsExactly(Map.entry(stale, "source_bucket_missing"));
        assertThat(w.aws.keys(w.dest)).containsExactlyInAnyOrder("64x64/pets/cat.jpg", "32x48/pets/cat.jpg");
        assertThat(w.aws.depth(w.queues.url())).isZero();
    }
}
