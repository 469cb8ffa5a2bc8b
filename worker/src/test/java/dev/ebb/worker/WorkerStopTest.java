package dev.ebb.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ebb.image.ImageEngine;
import dev.ebb.worker.config.ConfigReader;
import dev.ebb.worker.config.WorkerConfig;
import dev.ebb.worker.lifecycle.ExitCodes;
import dev.ebb.worker.observe.OutcomeLog;
import dev.ebb.worker.observe.WorkerMetrics;
import dev.ebb.worker.poison.AttemptMarkers;
import dev.ebb.worker.port.Fault;
import dev.ebb.worker.port.ObjectStore;
import dev.ebb.worker.port.ReceivedMessage;
import dev.ebb.worker.testing.Events;
import dev.ebb.worker.testing.ScriptedQueue;
import dev.ebb.worker.testing.TestContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The way out, on a real context against a scripted queue: stop receiving, let what is in flight
 * finish within the grace period, release the rest when it ends, exit. Images never finish here:
 * the store's downloads are left unanswered, so a record holds its message as long as the test likes.
 */
class WorkerStopTest {

    private static final TestContext LOOP = new TestContext();
    /** Longer than {@link #exitCode()} waits: a worker that exits in time did not wait for the grace period to end. */
    private static final int LONG_GRACE_SECONDS = 5;

    private final ScriptedQueue queue = new ScriptedQueue();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final HangingStore store = new HangingStore();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private Worker worker;

    @AfterAll
    static void close() throws Exception {
        LOOP.close();
    }

    @AfterEach
    void stopTheWorker() {
        if (worker != null && !worker.exit().isDone()) {
            worker.stop("test over");
        }
    }

    private Worker start(int graceSeconds) throws Exception {
        WorkerConfig config = ConfigReader.read(
                Map.of(
                        "EBB_QUEUE_URL",
                        "https://sqs.eu-west-1.amazonaws.com/123456789012/uploads",
                        "EBB_DEST_BUCKET",
                        "thumbs",
                        "EBB_CONCURRENCY",
                        "4",
                        // the slow start's first receive asks for one message per render thread: here all 4
                        "EBB_WORKER_THREADS",
                        "4",
                        "EBB_GRACE_SECONDS",
                        String.valueOf(graceSeconds),
                        "EBB_DELETE_FLUSH_MS",
                        "0",
                        "EBB_TURBOJPEG",
                        "false"),
                1);
        var parts = new Worker.Parts(
                LOOP.vertx(),
                LOOP.context(),
                LOOP.vertx().createSharedWorkerExecutor("test-render", 1),
                queue,
                store,
                ImageEngine.withImageIo(config.rendering().limits()),
                new WorkerMetrics(registry),
                new OutcomeLog(new PrintStream(out, true, StandardCharsets.UTF_8)),
                () -> true,
                () -> {},
                new AttemptMarkers(
                        store, LOOP.context(), "thumbs", "", "test-worker", OptionalInt.empty(), warning -> {}));
        // a 1 s visibility timeout ticks every 250 ms (its heartbeats are left unanswered)
        worker = new Worker(config, parts, 1);
        worker.start();
        await().atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> queue.receives.size() == 1);
        return worker;
    }

    /** /health and the gauges read the worker's unlocked state: on its context they answer, elsewhere they refuse. */
    @Test
    void healthAndGaugesAreReadOnTheWorkersContextOnly() throws Exception {
        start(LONG_GRACE_SECONDS); // its first receive holds all 4 permits, unanswered
        JsonObject health = LOOP.call(worker::health);
        assertThat(health.getInteger("in_flight")).isZero();
        assertThat(health.getInteger("free_permits")).isZero();
        assertThat(LOOP.call(() -> gauge("ebb.worker.in.flight"))).isZero();
        assertThat(LOOP.call(() -> gauge("ebb.worker.permits.free"))).isZero();

        assertThatThrownBy(worker::health).isInstanceOf(IllegalStateException.class);
        assertThat(gauge("ebb.worker.in.flight")).isNaN();
        assertThat(gauge("ebb.worker.permits.free")).isNaN();
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    private void stop() {
        worker.stop("SIGTERM");
        LOOP.run(() -> {}); // the stop has begun
    }

    private void receive(int index, ReceivedMessage... messages) {
        LOOP.run(() -> queue.receives.get(index).reply().complete(List.of(messages)));
    }

    private static ReceivedMessage image(String id) {
        return ScriptedQueue.message(id, Events.created("uploads", id + ".jpg", 1_000), 1);
    }

    private static ReceivedMessage testEvent(String id) {
        return ScriptedQueue.message(id, Events.testEvent("uploads"), 1);
    }

    private List<JsonObject> lines(String event) {
        return out.toString(StandardCharsets.UTF_8)
                .lines()
                .map(JsonObject::new)
                .filter(j -> event.equals(j.getString("event")))
                .toList();
    }

    private int exitCode() throws Exception {
        return worker.exit().get(3, TimeUnit.SECONDS);
    }

    @Test
    void withNothingInFlightTheLongPollIsAbandonedAndTheWorkerExits() throws Exception {
        start(LONG_GRACE_SECONDS);

        stop();

        assertThat(exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(queue.receives.getFirst().reply().isCancelled()).isTrue();
        assertThat(queue.visibilityChanges).isEmpty();
        assertThat(lines("exit"))
                .singleElement()
                .satisfies(j -> assertThat(j.getString("reason")).isEqualTo("SIGTERM"));
    }

    @Test
    void aMessageThatFinishesWithinTheGracePeriodIsAcknowledgedNotReleased() throws Exception {
        start(LONG_GRACE_SECONDS);
        receive(0, testEvent("t1"));
        assertThat(queue.deletes)
                .singleElement()
                .extracting(ScriptedQueue.Delete::ids)
                .isEqualTo(List.of("t1"));

        stop();
        assertThat(worker.exit()).isNotDone();
        LOOP.run(() -> queue.deletes.getFirst().reply().complete(List.of()));

        assertThat(exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(queue.visibilityChangesTo(0)).isEmpty();
        assertThat(lines("message"))
                .singleElement()
                .satisfies(j -> assertThat(j.getString("outcome")).isEqualTo("test_event"));
    }

    @Test
    void whatIsStillInFlightWhenTheGracePeriodEndsIsReleasedThenTheWorkerExits() throws Exception {
        start(1);
        // the test event's end warms the worker: a second long poll opens (for the 2 free permits)
        receive(0, image("a"), image("b"), testEvent("t"));
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(5)).until(() -> store.gets.size() == 2);
        await().atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> queue.receives.size() == 2 && queue.deletes.size() == 1);
        LOOP.run(() -> queue.deletes.getFirst().reply().complete(List.of())); // t is done

        long stoppedAt = System.nanoTime();
        stop();
        assertThat(queue.visibilityChangesTo(0)).isEmpty();
        await().atMost(Duration.ofSeconds(3))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> !queue.visibilityChangesTo(0).isEmpty());

        assertThat((System.nanoTime() - stoppedAt) / 1_000_000).isGreaterThanOrEqualTo(1_000);
        assertThat(queue.visibilityChangesTo(0))
                .singleElement()
                .extracting(ScriptedQueue.VisibilityChange::ids)
                .isEqualTo(List.of("a", "b"));
        assertThat(queue.receives.getLast().reply().isCancelled()).isTrue(); // the open long poll is abandoned
        assertThat(worker.exit()).isNotDone(); // the exit waits for the release
        LOOP.run(() -> queue.visibilityChangesTo(0).getFirst().reply().complete(List.of()));
        assertThat(exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(lines("message"))
                .extracting(j -> j.getString("message_id") + " " + j.getString("outcome") + " " + j.getString("detail"))
                .containsExactly("t test_event null", "a released grace period over", "b released grace period over");
        assertThat(queue.deletes).extracting(ScriptedQueue.Delete::ids).containsExactly(List.of("t"));
    }

    @Test
    void messagesAReceiveBringsWhileStoppingAreReleasedAtOnceAndTheExitWaitsForThat() throws Exception {
        start(LONG_GRACE_SECONDS);
        receive(0, testEvent("t1")); // holds the worker: its delete is unanswered
        await().atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> queue.receives.size() == 2);
        stop();

        receive(1, testEvent("late1"), testEvent("late2"));

        assertThat(queue.visibilityChangesTo(0))
                .singleElement()
                .extracting(ScriptedQueue.VisibilityChange::ids)
                .isEqualTo(List.of("late1", "late2"));
        assertThat(queue.deletes).hasSize(1);
        LOOP.run(() -> queue.deletes.getFirst().reply().complete(List.of()));
        // nothing in flight, but the late release is on its way: exiting now would abort it, and SQS
        // would keep those two hidden for their visibility timeout
        LOOP.run(() -> {});
        assertThat(worker.exit()).isNotDone();
        LOOP.run(() -> queue.visibilityChangesTo(0).getFirst().reply().complete(List.of()));
        assertThat(exitCode()).isEqualTo(ExitCodes.OK);
    }

    /** Downloads that never answer; the attempt markers' calls are not made (first receives only). */
    private static final class HangingStore implements ObjectStore {
        final List<CompletableFuture<SourceObject>> gets = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<SourceObject> get(
                String bucket, String key, Optional<String> versionId, long maxBytes) {
            CompletableFuture<SourceObject> f = new CompletableFuture<>();
            gets.add(f);
            return f;
        }

        @Override
        public CompletableFuture<Long> size(String bucket, String key, Optional<String> versionId) {
            return new CompletableFuture<>();
        }

        @Override
        public CompletableFuture<Void> delete(String bucket, String key) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> checkBucket(String bucket) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> put(
                String bucket, String key, byte[] bytes, String contentType, Map<String, String> metadata) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> probe(String bucket) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public Fault fault(Throwable error) {
            return new Fault.Internal(error); // never asked: no call of this store fails
        }
    }
}
