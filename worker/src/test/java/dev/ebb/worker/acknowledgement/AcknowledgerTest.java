package dev.ebb.worker.acknowledgement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.worker.errorhandler.Failure;
import dev.ebb.worker.errorhandler.Verdict;
import dev.ebb.worker.errorhandler.VisibilityBackoff;
import dev.ebb.worker.port.ReceivedMessage;
import dev.ebb.worker.testing.ScriptedQueue;
import dev.ebb.worker.testing.TestContext;
import dev.ebb.worker.wire.Outcomes;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Each verdict carried out against a scripted queue on a real context: the calls made, and the outcome. */
class AcknowledgerTest {

    private static final TestContext LOOP = new TestContext();

    private final ScriptedQueue queue = new ScriptedQueue();

    private static RuntimeException down() {
        return new RuntimeException("503 from SQS");
    }

    private final List<String> markersCleared = new ArrayList<>();
    private final ReceivedMessage m = ScriptedQueue.message("m1", "{}", 3);

    @AfterAll
    static void close() throws Exception {
        LOOP.close();
    }

    /** Deletes go at once; the backoff is 10 s doubling per receive, at most 300 s. */
    private Acknowledger acknowledger() {
        return new Acknowledger(
                LOOP.context(),
                queue,
                new DeleteBatcher(LOOP.vertx(), LOOP.context(), queue, 0),
                new VisibilityBackoff(Duration.ofSeconds(10), Duration.ofSeconds(300)),
                message -> {
                    markersCleared.add(message.id());
                    return Future.succeededFuture();
                });
    }

    private Future<Outcomes.OfMessage> apply(Verdict verdict) {
        return LOOP.call(() -> acknowledger().apply(m, verdict));
    }

    @Test
    void aDeleteSucceedsOnceSqsConfirmsIt() {
        Future<Outcomes.OfMessage> outcome = apply(new Verdict.Delete());
        assertThat(queue.deletes)
                .singleElement()
                .extracting(ScriptedQueue.Delete::ids)
                .isEqualTo(List.of("m1"));
        assertThat(outcome.isComplete()).isFalse();

        LOOP.run(() -> queue.deletes.getFirst().reply().complete(List.of()));

        assertThat(outcome.result()).isEqualTo(Outcomes.OfMessage.SUCCEEDED);
        assertThat(markersCleared).containsExactly("m1");
    }

    @Test
    void aDeleteSqsRefusedOrThatFailedIsDeleteFailed() {
        Future<Outcomes.OfMessage> refused = apply(new Verdict.Delete());
        LOOP.run(() -> queue.deletes.getFirst().reply().complete(List.of("m1")));
        Future<Outcomes.OfMessage> failed = apply(new Verdict.Delete());
        LOOP.run(() -> queue.deletes.getLast().reply().completeExceptionally(down()));

        assertThat(refused.result()).isEqualTo(Outcomes.OfMessage.DELETE_FAILED);
        assertThat(failed.result()).isEqualTo(Outcomes.OfMessage.DELETE_FAILED);
    }

    @Test
    void aDeadLetterIsCopiedWithItsReasonThenDeleted() {
        Future<Outcomes.OfMessage> outcome = apply(new Verdict.DeadLetter("corrupt", "src/a.jpg: not a JPEG"));
        assertThat(queue.deadLetters).singleElement().satisfies(d -> {
            assertThat(d.message()).isEqualTo(m);
            assertThat(d.reason()).isEqualTo("corrupt");
            assertThat(d.detail()).isEqualTo("src/a.jpg: not a JPEG");
        });
        assertThat(queue.deletes).isEmpty(); // not before the copy is safe

        LOOP.run(() -> queue.deadLetters.getFirst().reply().complete(null));
        LOOP.run(() -> queue.deletes.getFirst().reply().complete(List.of()));

        assertThat(outcome.result()).isEqualTo(Outcomes.OfMessage.DEAD_LETTERED);
    }

    @Test
    void aDeadLetterThatCouldNotBeSentStaysOnTheQueueAndIsRetried() {
        Future<Outcomes.OfMessage> outcome = apply(new Verdict.DeadLetter("corrupt", "x"));

        LOOP.run(() -> queue.deadLetters.getFirst().reply().completeExceptionally(down()));
        assertThat(queue.deletes).isEmpty();
        LOOP.run(() -> queue.visibilityChanges.getFirst().reply().complete(List.of()));

        assertThat(queue.visibilityChanges)
                .singleElement()
                .extracting(ScriptedQueue.VisibilityChange::seconds)
                .isEqualTo(40);
        assertThat(outcome.result()).isEqualTo(Outcomes.OfMessage.RETRIED);
    }

    @Test
    void aRetryHidesTheMessageForItsBackoffAndIsRetriedEvenWhenThatFails() {
        Future<Outcomes.OfMessage> outcome = apply(new Verdict.Retry("throttled", "x"));

        assertThat(queue.visibilityChanges).singleElement().satisfies(c -> {
            assertThat(c.ids()).containsExactly("m1");
            assertThat(c.seconds()).isEqualTo(40); // third receive: 10 s × 2²
        });
        LOOP.run(() -> queue.visibilityChanges.getFirst().reply().completeExceptionally(down()));

        assertThat(outcome.result()).isEqualTo(Outcomes.OfMessage.RETRIED);
        assertThat(queue.deletes).isEmpty();
    }

    @Test
    void aStopReleasesTheMessageAtOnce() {
        Future<Outcomes.OfMessage> outcome =
                apply(new Verdict.Stop(new Failure.Configuration("destination_missing", "x")));

        assertThat(queue.visibilityChanges)
                .singleElement()
                .extracting(ScriptedQueue.VisibilityChange::seconds)
                .isEqualTo(0);
        LOOP.run(() -> queue.visibilityChanges.getFirst().reply().complete(List.of()));

        assertThat(outcome.result()).isEqualTo(Outcomes.OfMessage.RELEASED);
    }

    @Test
    void nothingIsAcknowledgedBeforeTheMarkerIsCleared() {
        Promise<Void> cleared = Promise.promise();
        Acknowledger acks = new Acknowledger(
                LOOP.context(),
                queue,
                new DeleteBatcher(LOOP.vertx(), LOOP.context(), queue, 0),
                new VisibilityBackoff(Duration.ofSeconds(10), Duration.ofSeconds(300)),
                message -> cleared.future());
        LOOP.run(() -> acks.apply(m, new Verdict.Delete()));
        assertThat(queue.deletes).isEmpty();

        LOOP.run(cleared::complete);

        assertThat(queue.deletes).hasSize(1);
    }
}
