package dev.ebb.worker.moto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ebb.worker.poison.AttemptMarkers;
import dev.ebb.worker.testing.Events;
import dev.ebb.worker.testing.FaultProxy;
import dev.ebb.worker.testing.Harness;
import dev.ebb.worker.testing.Images;
import dev.ebb.worker.testing.MotoWorld;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A message that kills every worker that takes it, among good ones, on moto's S3 and SQS (whose
 * redrive keeps ApproximateReceiveCount as SQS does).
 *
 * <p>The killer is a genuine crash, not a mock: an 8000x6000 JPEG for workers whose heap is 96 MB
 * and whose output box is 4000x4000, so it is decoded at half size, 4000x3000, and its pixels do
 * not fit the heap: the JVM dies of OutOfMemoryError with {@code -XX:+ExitOnOutOfMemoryError}
 * (exit 3), holding whatever else it had received, as a task too small for its images would on
 * Fargate. (The source bytes themselves cannot kill a worker any more: they are held in native
 * memory under the byte budget, and an earlier killer, a JPEG padded to 100 MB, is now processed.)
 *
 * <p>Workers are started one after the other until one exits by itself. Expected: the first takes
 * it with others and dies (no marker: first receives write none); the second takes it again,
 * marks the attempt and dies; the third finds that marker, processes it alone, and dies; the
 * fourth finds the marker of a worker that died with it alone and dead-letters it as
 * {@code crashed_worker}, on receive 4 of the queue's 5. Every good image ends written and
 * deleted, and no marker is left.
 */
class CrashingImageMotoIT {

    static final List<String> SMALL_HEAP = Harness.TEST_JVM_FLAGS.stream()
            .map(f -> f.startsWith("-Xmx") ? "-Xmx96m" : f)
            .toList();
    static final int GOOD = 20;

    @Test
    void aMessageThatKillsItsWorkersIsDeadLetteredAsCrashedWorkerAndTheOthersAreAllWritten(@TempDir Path dir)
            throws Exception {
        MotoWorld w = new MotoWorld("crash", 4, 5);
        byte[] killer = Images.jpeg(8000, 6000, 7);
        w.aws.put(w.source, "killer/huge.jpg", killer);
        String killerBody = Events.created(w.source, "killer/huge.jpg", killer.length);
        w.aws.send(w.queues.url(), List.of(killerBody));
        List<String> keys = w.upload(w.source, GOOD, "ok");

        List<Integer> exits = new ArrayList<>();
        List<MotoWorld.Worker> workers = new ArrayList<>();
        // Until the queue is empty: as the controller would, another worker whenever one is gone with work left.
        while (exits.size() < 8 && (exits.isEmpty() || exits.getLast() != 0 || w.aws.depth(w.queues.url()) > 0)) {
            Map<String, String> env = w.env();
            env.put("EBB_SIZES", "4000x4000"); // the good 120x90 images stay as they are (fit never enlarges)
            MotoWorld.Worker worker = w.start(env, dir, "worker-" + workers.size(), SMALL_HEAP);
            workers.add(worker);
            exits.add(worker.awaitExit());
        }
        String stderr = workers.getFirst().stderrText();
        assertThat(exits)
                .as("exit codes, one worker after the other (3: out of memory); first stderr:\n%s", stderr)
                .filteredOn(code -> code != 0)
                .containsExactly(3, 3, 3);
        assertThat(exits.getLast()).isZero();
        assertThat(stderr).contains("OutOfMemoryError");
        List<JsonObject> lines = new ArrayList<>();
        for (MotoWorld.Worker x : workers) {
            lines.addAll(x.lines());
        }

        // The fourth receive dead-lettered it, with a reason about that image, before the redrive would have.
        JsonObject deadLettered = lines.stream()
                .filter(j -> "dead_lettered".equals(j.getString("outcome")))
                .collect(onlyOne());
        assertThat(deadLettered.getString("reason")).isEqualTo("crashed_worker");
        assertThat(deadLettered.getInteger("receive_count")).isEqualTo(4);
        assertThat(deadLettered.getJsonArray("records").getJsonObject(0).getString("key"))
                .isEqualTo("killer/huge.jpg");
        assertThat(deadLettered.getString("detail"))
                .contains(
                        w.source + "/killer/huge.jpg: crashed_worker",
                        "again on receive 3 with no other message at work");
        String killerId = deadLettered.getString("message_id");

        // On receive 3 a worker found the marks of the second receive's worker: the killer's and those of whatever
        // else that worker held when it died. Each was processed alone; the others succeeded (perhaps on a later
        // receive: a suspect waiting its turn dies with the killer, and keeps its mark); the killer died alone.
        List<JsonObject> suspected = lines.stream()
                .filter(j -> "crash_suspected".equals(j.getString("event")))
                .toList();
        assertThat(suspected)
                .filteredOn(j -> j.getString("message_id").equals(killerId))
                .singleElement()
                .satisfies(j -> {
                    assertThat(j.getInteger("receive_count")).isEqualTo(3);
                    assertThat(j.getBoolean("last_receive")).isFalse();
                    assertThat(j.getString("detail")).contains("receive 2", "processed alone");
                });
        for (JsonObject s : suspected) {
            if (!s.getString("message_id").equals(killerId)) {
                assertThat(outcomeOf(lines, s.getString("message_id")))
                        .as("innocent suspect %s", s.getString("message_id"))
                        .isEqualTo("succeeded");
            }
        }

        assertThat(w.reasonsOnDeadLetterQueue()).containsExactly(Map.entry(killerBody, "crashed_worker"));
        List<String> written = w.aws.keys(w.dest);
        for (String key : keys) {
            assertThat(written).contains("4000x4000/" + key);
        }
        assertThat(written).as("the outputs, and no attempt marker left").hasSize(GOOD);
        // Nothing lost: outputs for every good image (a worker that died after a delete and before its line
        // took that line with it, so lines are not counted), the queue empty, the killer alone in the DLQ.
        assertThat(w.aws.depth(w.queues.url())).isZero();
    }

    /**
     * A worker stopped by SIGTERM while it holds re-delivered messages releases them, and deletes
     * their markers first: the next worker must not take a graceful stop for a death (which would
     * process them alone, and a second time dead-letter a good image).
     */
    @Test
    void aReleaseAtSigtermDeletesItsMarkersAndTheNextWorkerProcessesAsUsual(@TempDir Path dir) throws Exception {
        int n = 5;
        MotoWorld w = redelivered("sigterm", n);
        String folder = AttemptMarkers.key("", "");
        try (FaultProxy s3 = FaultProxy.start(w.moto.endpoint())) {
            // downloads of the sources hang: the worker holds all five, marked, when SIGTERM comes
            s3.policy(r -> r.method().equals("GET") && r.path().startsWith("/" + w.source + "/")
                    ? new FaultProxy.Delay(30_000)
                    : FaultProxy.PASS);
            MotoWorld.Worker first = w.start(Harness.with(w.env(s3.uri()), "EBB_GRACE_SECONDS", "1"), dir, "first");
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> w.aws.keys(w.dest).stream()
                                    .filter(k -> k.startsWith(folder))
                                    .count()
                            == n);
            first.process().destroy(); // SIGTERM
            assertThat(first.awaitExit()).isZero();
            assertThat(Harness.count(first.lines(), "released")).isEqualTo(n);
        }
        assertThat(w.aws.keys(w.dest))
                .as("every marker deleted before its message was released")
                .isEmpty();

        MotoWorld.Worker second = w.start(w.env(), dir, "second");
        assertThat(second.awaitExit()).isZero();
        assertThat(second.lines()).noneMatch(j -> "crash_suspected".equals(j.getString("event")));
        assertThat(second.lines())
                .filteredOn(j -> "message".equals(j.getString("event")))
                .hasSize(n)
                .allSatisfy(j -> {
                    assertThat(j.getString("outcome")).isEqualTo("succeeded");
                    assertThat(j.getInteger("receive_count")).isEqualTo(3);
                });
        assertThat(w.aws.keys(w.dest)).as("the outputs, no marker").hasSize(2 * n);
        assertThat(w.aws.depth(w.queues.dlqUrl())).isZero();
    }

    /**
     * S3 slow to store a marker: the worker stops waiting after 5 s and processes the message, and
     * the write lands later. It is still deleted once it has landed, before the message is
     * acknowledged: a marker outliving an orderly attempt would later read as a death.
     */
    @Test
    void aMarkerWriteThatOutlastsTheWaitIsDeletedOnceItLands(@TempDir Path dir) throws Exception {
        MotoWorld w = redelivered("slowmark", 1);
        String markers = markerPath(w);
        try (FaultProxy s3 = FaultProxy.start(w.moto.endpoint())) {
            s3.policy(r -> r.method().equals("PUT") && r.path().startsWith(markers)
                    ? new FaultProxy.Delay(7_000)
                    : FaultProxy.PASS);
            MotoWorld.Worker worker = w.start(w.env(s3.uri()), dir, "worker");
            assertThat(worker.awaitExit()).isZero();
            assertThat(Harness.count(worker.lines(), "succeeded")).isEqualTo(1);
            assertThat(worker.diagnostics())
                    .filteredOn(j -> "attempt_markers".equals(j.getString("event")))
                    .singleElement()
                    .satisfies(j -> assertThat(j.getString("detail")).contains("could not write"));
            assertThat(s3.count(r -> r.method().equals("DELETE") && r.path().startsWith(markers)))
                    .isEqualTo(1);
        }
        assertThat(w.aws.keys(w.dest))
                .as("the outputs, and the late marker deleted")
                .hasSize(2);
    }

    /**
     * A world with {@code n} images whose messages were received once and let go at once: each comes
     * back with ApproximateReceiveCount 2, as after a release, so a worker reads and writes its marker.
     */
    private static MotoWorld redelivered(String label, int n) throws Exception {
        MotoWorld w = new MotoWorld(label, 30, 5);
        w.upload(w.source, n, "ok");
        var got = w.aws.sqs
                .receiveMessage(
                        r -> r.queueUrl(w.queues.url()).maxNumberOfMessages(10).visibilityTimeout(30))
                .messages();
        assertThat(got).hasSize(n);
        for (var m : got) {
            w.aws.sqs.changeMessageVisibility(r ->
                    r.queueUrl(w.queues.url()).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
        }
        return w;
    }

    /** Where the proxy sees the world's attempt markers: the path prefix of their requests. */
    private static String markerPath(MotoWorld w) {
        return "/" + w.dest + "/" + AttemptMarkers.key("", "");
    }

    private static java.util.stream.Collector<JsonObject, ?, JsonObject> onlyOne() {
        return java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), l -> {
            assertThat(l).hasSize(1);
            return l.getFirst();
        });
    }

    /** How the message ended (its last outcome line). */
    private static String outcomeOf(List<JsonObject> lines, String messageId) {
        return lines.stream()
                .filter(j -> "message".equals(j.getString("event")) && messageId.equals(j.getString("message_id")))
                .reduce((a, b) -> b)
                .map(j -> j.getString("outcome"))
                .orElse("none");
    }

    /**
     * A role without the grant on the markers' prefix (the proxy answers 403 there, as S3 does for
     * a policy that lacks it): re-delivered messages are processed as usual, one line on stderr says
     * why the markers are off, and nothing is dead-lettered for it.
     */
    @Test
    void aMarkerStoreThatRefusesIsSaidOnceAndProcessingGoesOn(@TempDir Path dir) throws Exception {
        MotoWorld w = redelivered("nomarks", 5);
        String markers = markerPath(w);
        try (FaultProxy s3 = FaultProxy.start(w.moto.endpoint())) {
            s3.policy(r -> r.path().startsWith(markers)
                    ? new FaultProxy.Fail(403, "application/xml", MissingSourceBehind403MotoIT.ACCESS_DENIED)
                    : FaultProxy.PASS);
            MotoWorld.Worker worker = w.start(w.env(s3.uri()), dir, "worker");
            assertThat(worker.awaitExit()).isZero();
            assertThat(Harness.count(worker.lines(), "succeeded")).isEqualTo(5);
            assertThat(worker.lines())
                    .filteredOn(j -> "message".equals(j.getString("event")))
                    .allSatisfy(j -> assertThat(j.getInteger("receive_count")).isEqualTo(2));
            assertThat(worker.diagnostics())
                    .filteredOn(j -> "attempt_markers".equals(j.getString("event")))
                    .singleElement()
                    .satisfies(j -> assertThat(j.getString("detail")).contains("processed as usual", "s3:PutObject"));
            assertThat(s3.count(r -> r.path().startsWith(markers)))
                    .as("a read and a write tried per message")
                    .isGreaterThanOrEqualTo(10);
        }
        assertThat(w.aws.keys(w.dest)).hasSize(2 * 5);
        assertThat(w.aws.depth(w.queues.url())).isZero();
        assertThat(w.aws.depth(w.queues.dlqUrl())).isZero();
    }
}
