package dev.ebb.worker.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.worker.backpressure.Permits;
import dev.ebb.worker.lifecycle.IdleDetector;
import dev.ebb.worker.port.ReceivedMessage;
import dev.ebb.worker.testing.ScriptedQueue;
import dev.ebb.worker.testing.TestContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The receive loop against a scripted queue on a real context, with the clock in the test's hand. */
class MessagePollerTest {

    private static final TestContext LOOP = new TestContext();

    private final ScriptedQueue queue = new ScriptedQueue();
    private final AtomicLong clock = new AtomicLong();
    private final AtomicBoolean mayPoll = new AtomicBoolean(true);
    private final List<List<ReceivedMessage>> delivered = new CopyOnWriteArrayList<>();

    @AfterAll
    static void close() throws Exception {
        LOOP.close();
    }

    /** A warm poller: past its slow start. */
    private MessagePoller poller(Permits permits, int batchThreshold) {
        MessagePoller poller = cold(permits, batchThreshold, 1);
        mayPoll.set(false); // warming starts a receive; not this one
        LOOP.run(poller::warm);
        mayPoll.set(true);
        return poller;
    }

    private MessagePoller cold(Permits permits, int batchThreshold, int firstBatch) {
        return new MessagePoller(
                LOOP.context(),
                queue,
                permits,
                new IdleDetector(Duration.ofMinutes(1), 3, 0),
                new MessagePoller.Settings(20, 30, batchThreshold, firstBatch),
                mayPoll::get,
                delivered::add,
                clock::get);
    }

    private static List<ReceivedMessage> messages(int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> ScriptedQueue.message("m" + i, "{}", 1))
                .toList();
    }

    @ParameterizedTest(name = "{0} permits, {1} in use, threshold {2}: asks for {3}")
    @CsvSource({
        // permits, in use, threshold, asked (0: no receive)
        "20,  0, 10, 10", // never more than an SQS batch
        " 5,  0,  2,  5",
        " 3,  0, 10,  3", // nothing in flight: asks for what is free, below the threshold too
        "20, 10, 10, 10", // in flight, but a full threshold free
        "20, 15,  3,  5",
        "20, 12, 10,  0", // in flight and fewer than the threshold free: waits to fill a fuller batch
        " 4,  3,  2,  0",
        " 4,  4,  1,  0", // none free
        " 1,  0,  1,  1"
    })
    void aReceiveAsksForTheFreePermitsUpToTenOnceTheThresholdIsFree(int total, int inUse, int threshold, int asked) {
        Permits permits = new Permits(total);
        MessagePoller poller = poller(permits, threshold);
        LOOP.run(() -> {
            permits.acquireUpTo(inUse);
            poller.pollIfReady();
        });

        if (asked == 0) {
            assertThat(queue.receives).isEmpty();
        } else {
            assertThat(queue.receives).singleElement().satisfies(r -> {
                assertThat(r.max()).isEqualTo(asked);
                assertThat(r.waitSeconds()).isEqualTo(20);
                assertThat(r.visibilitySeconds()).isEqualTo(30);
            });
        }
        assertThat(permits.inUse()).isEqualTo(inUse + asked);
    }

    @ParameterizedTest(name = "{0} permits: threshold {1}")
    @CsvSource({"1, 1", "2, 1", "3, 1", "4, 2", "19, 9", "20, 10", "21, 10", "1000, 10"})
    void theThresholdIsHalfThePermitsAndAtMostABatch(int concurrency, int threshold) {
        assertThat(MessagePoller.batchThreshold(concurrency)).isEqualTo(threshold);
    }

    @ParameterizedTest(name = "{0} of 10 received")
    @CsvSource({"0", "1", "7", "10"})
    void theUnfilledPermitsAreGivenBackAndTheMessagesHandedOn(int received) {
        Permits permits = new Permits(20);
        MessagePoller poller = poller(permits, 10);
        LOOP.run(poller::pollIfReady);
        mayPoll.set(false); // no next receive: only this one's permits are counted

        LOOP.run(() -> queue.receives.getFirst().reply().complete(messages(received)));

        assertThat(permits.inUse()).isEqualTo(received);
        assertThat(delivered).containsExactly(messages(received));
        assertThat(poller.polling()).isFalse();
    }

    @Test
    void aFilledReceiveIsFollowedAtOnceByTheNextWhilePermitsAllow() {
        Permits permits = new Permits(20);
        LOOP.run(poller(permits, 10)::pollIfReady);

        LOOP.run(() -> queue.receives.getFirst().reply().complete(messages(10)));

        assertThat(queue.receives).extracting(ScriptedQueue.Receive::max).containsExactly(10, 10);
        assertThat(permits.inUse()).isEqualTo(20);
    }

    @ParameterizedTest(name = "{0} permits, first batch {1}: asks for {2}")
    @CsvSource({"20, 1, 1", "20, 2, 2", "20, 16, 10", "3, 4, 3"})
    void aColdWorkersFirstReceiveAsksForItsFirstBatch(int total, int firstBatch, int asked) {
        Permits permits = new Permits(total);
        LOOP.run(cold(permits, 10, firstBatch)::pollIfReady);

        assertThat(queue.receives).extracting(ScriptedQueue.Receive::max).containsExactly(asked);
    }

    /** A cold poller (first batch 1) whose first receive brought one message, still in flight. */
    private MessagePoller coldWithItsFirstMessage(Permits permits) {
        MessagePoller poller = cold(permits, 10, 1);
        LOOP.run(poller::pollIfReady);
        LOOP.run(() -> queue.receives.getFirst().reply().complete(messages(1)));
        return poller;
    }

    @Test
    void aColdWorkerReceivesNoMoreWhileItsFirstMessagesAreInFlight() {
        Permits permits = new Permits(20);
        MessagePoller poller = coldWithItsFirstMessage(permits);

        LOOP.run(poller::pollIfReady); // a tick

        assertThat(queue.receives).hasSize(1);
        assertThat(permits.inUse()).isEqualTo(1);
    }

    @Test
    void aColdWorkerAsksForItsFirstBatchAgainAfterAnEmptyReceive() {
        Permits permits = new Permits(20);
        LOOP.run(cold(permits, 10, 2)::pollIfReady);

        LOOP.run(() -> queue.receives.getFirst().reply().complete(List.of()));

        assertThat(queue.receives).extracting(ScriptedQueue.Receive::max).containsExactly(2, 2);
    }

    @Test
    void theSlowStartEndsAtTheLatestTwoSecondsAfterTheFirstMessagesArrived() {
        clock.set(5_000);
        MessagePoller poller = coldWithItsFirstMessage(new Permits(20)); // its download hangs

        clock.set(5_000 + MessagePoller.SLOW_START_LIMIT_MILLIS - 1);
        LOOP.run(poller::pollIfReady); // a tick
        assertThat(queue.receives).hasSize(1);
        clock.set(5_000 + MessagePoller.SLOW_START_LIMIT_MILLIS);
        LOOP.run(poller::pollIfReady);

        assertThat(queue.receives).extracting(ScriptedQueue.Receive::max).containsExactly(1, 10);
    }

    @Test
    void warmingReceivesAtOnceForEveryFreePermit() {
        Permits permits = new Permits(20);
        MessagePoller poller = coldWithItsFirstMessage(permits);

        LOOP.run(poller::warm); // the first download arrived
        LOOP.run(() -> queue.receives.get(1).reply().complete(messages(10)));

        assertThat(queue.receives).extracting(ScriptedQueue.Receive::max).containsExactly(1, 10);
        assertThat(permits.inUse()).isEqualTo(11); // 9 free: below the threshold, the next waits to fill a batch
    }

    @ParameterizedTest(name = "{0} permits already in use")
    @CsvSource({"0", "5", "10"})
    void aFailedReceiveGivesBackEveryPermitItTook(int inUse) {
        Permits permits = new Permits(20);
        MessagePoller poller = poller(permits, 10);
        LOOP.run(() -> {
            permits.acquireUpTo(inUse);
            poller.pollIfReady();
        });
        assertThat(permits.inUse()).isEqualTo(inUse + 10);

        LOOP.run(() -> queue.receives.getFirst().reply().completeExceptionally(new RuntimeException("503 from SQS")));

        assertThat(permits.inUse()).isEqualTo(inUse);
        assertThat(delivered).isEmpty();
        assertThat(poller.polling()).isFalse();
        assertThat(queue.receives).hasSize(1); // the backoff holds the next one
    }

    @Test
    void aCancelledReceiveGivesBackItsPermitsToo() {
        Permits permits = new Permits(20);
        MessagePoller poller = poller(permits, 10);
        LOOP.run(poller::pollIfReady);

        LOOP.run(poller::cancel);

        assertThat(permits.inUse()).isZero();
        assertThat(poller.polling()).isFalse();
    }

    @Test
    void settledAtOnceWhenNoReceiveIsPending() {
        MessagePoller poller = poller(new Permits(20), 10);

        assertThat(LOOP.call(() -> poller.settled().isComplete())).isTrue();
    }

    /** A stopping worker waits for this before releasing what it holds (a pending long poll would take it back). */
    @ParameterizedTest(name = "the pending receive {0}")
    @CsvSource({"delivers, true", "fails, false"})
    void settledOnlyOnceThePendingReceiveEndedAndHandedOnItsMessages(String how, boolean delivers) {
        MessagePoller poller = poller(new Permits(20), 10);
        LOOP.run(poller::pollIfReady);
        mayPoll.set(false); // stopping: no next receive
        List<Boolean> deliveredWhenSettled = new CopyOnWriteArrayList<>();
        var settled = LOOP.call(() -> poller.settled().onSuccess(v -> deliveredWhenSettled.add(!delivered.isEmpty())));
        assertThat(settled.isComplete()).isFalse();

        LOOP.run(() -> {
            var reply = queue.receives.getFirst().reply();
            if (delivers) {
                reply.complete(messages(3));
            } else {
                reply.completeExceptionally(new RuntimeException("503 from SQS"));
            }
        });

        assertThat(deliveredWhenSettled).containsExactly(delivers);
        assertThat(poller.polling()).isFalse();
    }

    /** Failures in a row → how long the loop waits before the next receive. */
    @Test
    void failuresInARowBackOffFromOneSecondDoublingToThirty() {
        MessagePoller poller = poller(new Permits(20), 10);
        List<Long> waits = new ArrayList<>();
        for (int failure = 1; failure <= 9; failure++) {
            LOOP.run(poller::pollIfReady);
            assertThat(queue.receives).as("receive %d", failure).hasSize(failure);
            long failedAt = clock.get();
            LOOP.run(() -> queue.receives.getLast().reply().completeExceptionally(new RuntimeException("throttled")));
            waits.add(waitBeforeNextReceive(poller, failedAt));
        }
        assertThat(waits).containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L, 30_000L, 30_000L);
    }

    @Test
    void aReceiveThatSucceedsEndsTheBackoff() {
        MessagePoller poller = poller(new Permits(20), 10);
        for (int i = 0; i < 3; i++) { // 1 s, 2 s, 4 s
            LOOP.run(poller::pollIfReady);
            LOOP.run(() -> queue.receives.getLast().reply().completeExceptionally(new RuntimeException("throttled")));
            clock.addAndGet(30_000);
        }
        LOOP.run(poller::pollIfReady);
        LOOP.run(() -> queue.receives.getLast().reply().complete(List.of())); // starts the next receive at once
        LOOP.run(() -> queue.receives.getLast().reply().completeExceptionally(new RuntimeException("throttled")));

        assertThat(waitBeforeNextReceive(poller, clock.get())).isEqualTo(1_000L);
    }

    /**
     * Moves the clock past the failure, half a second at a time and to the millisecond before each
     * step, until the poller receives again; says after how long.
     */
    private long waitBeforeNextReceive(MessagePoller poller, long failedAt) {
        int before = queue.receives.size();
        for (long step = 500; step <= 60_000; step += 500) {
            for (long wait : new long[] {step - 1, step}) {
                clock.set(failedAt + wait);
                LOOP.run(poller::pollIfReady);
                if (queue.receives.size() > before) {
                    return wait;
                }
            }
        }
        throw new AssertionError("no receive within 60 s of a failure");
    }
}
