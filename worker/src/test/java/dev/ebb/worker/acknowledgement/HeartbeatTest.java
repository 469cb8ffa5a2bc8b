package dev.ebb.worker.acknowledgement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.worker.port.ReceivedMessage;
import dev.ebb.worker.testing.ScriptedQueue;
import dev.ebb.worker.testing.TestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The heartbeat against a scripted queue on a real context, ticked by hand with the clock in the test's hand. */
class HeartbeatTest {

    private static final TestContext LOOP = new TestContext();

    private final ScriptedQueue queue = new ScriptedQueue();
    private final AtomicLong clock = new AtomicLong();

    @AfterAll
    static void close() throws Exception {
        LOOP.close();
    }

    private static List<ReceivedMessage> messages(int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> ScriptedQueue.message("m" + i, "{}", 1))
                .toList();
    }

    private Heartbeat heartbeat(InFlight inFlight, int visibilitySeconds) {
        return new Heartbeat(LOOP.context(), queue, inFlight, visibilitySeconds, clock::get);
    }

    /** A heartbeat of a 30 s visibility timeout over {@code n} messages received at 0. */
    private Heartbeat holding(InFlight inFlight, int n) {
        LOOP.run(() -> messages(n).forEach(m -> inFlight.add(m, 0)));
        return heartbeat(inFlight, 30);
    }

    private void tickAt(Heartbeat heartbeat, long millis) {
        clock.set(millis);
        LOOP.run(heartbeat::tick);
    }

    /** A message received at 0 and held for a minute, the worker ticking every 250 ms and SQS answering every extension at once. */
    @ParameterizedTest(name = "visibility {0} s: extended at {1} s")
    @CsvSource({
        "30, 15 30 45 60",
        "20, 10 20 30 40 50 60",
        "45, 22.5 45",
        " 2, 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40 "
                + "41 42 43 44 45 46 47 48 49 50 51 52 53 54 55 56 57 58 59 60"
    })
    void aHeldMessageIsExtendedByAFullTimeoutEachTimeHalfOfItIsGone(int visibilitySeconds, String extendedAt) {
        InFlight inFlight = new InFlight(visibilitySeconds * 1000L);
        Heartbeat heartbeat = heartbeat(inFlight, visibilitySeconds);
        LOOP.run(() -> inFlight.add(ScriptedQueue.message("m", "{}", 1), 0));

        List<Double> extensions = new ArrayList<>();
        for (long t = 0; t <= 60_000; t += 250) {
            int before = queue.visibilityChanges.size();
            tickAt(heartbeat, t);
            if (queue.visibilityChanges.size() > before) {
                ScriptedQueue.VisibilityChange call = queue.visibilityChanges.getLast();
                assertThat(call.ids()).containsExactly("m");
                assertThat(call.seconds()).isEqualTo(visibilitySeconds);
                extensions.add(t / 1000.0);
                LOOP.run(() -> call.reply().complete(List.of()));
            }
        }

        assertThat(extensions)
                .containsExactlyElementsOf(List.of(extendedAt.split(" ")).stream()
                        .map(Double::valueOf)
                        .toList());
    }

    @Test
    void nothingIsExtendedBeforeHalfTheTimeoutIsGone() {
        Heartbeat heartbeat = holding(new InFlight(30_000), 3);

        tickAt(heartbeat, 14_999);
        assertThat(queue.visibilityChanges).isEmpty();
        tickAt(heartbeat, 15_000);
        assertThat(queue.visibilityChanges)
                .singleElement()
                .extracting(ScriptedQueue.VisibilityChange::ids)
                .isEqualTo(List.of("m0", "m1", "m2"));
    }

    @Test
    void dueMessagesGoTenPerCall() {
        Heartbeat heartbeat = holding(new InFlight(30_000), 25);

        tickAt(heartbeat, 15_000);

        assertThat(queue.visibilityChanges).extracting(c -> c.handles().size()).containsExactly(10, 10, 5);
    }

    @Test
    void noNewRoundWhileTheLastIsUnanswered() {
        Heartbeat heartbeat = holding(new InFlight(30_000), 12);
        tickAt(heartbeat, 15_000);
        LOOP.run(() -> queue.visibilityChanges.getFirst().reply().complete(List.of()));

        tickAt(heartbeat, 16_000); // the second call of the round is still out
        assertThat(queue.visibilityChanges).hasSize(2);

        LOOP.run(() -> queue.visibilityChanges.get(1).reply().complete(List.of()));
        tickAt(heartbeat, 16_250);
        assertThat(queue.visibilityChanges).hasSize(2); // all extended at 15 s: due again at 30 s
    }

    @Test
    void whatSqsCouldNotExtendIsTriedAgainOnTheNextTick() {
        Heartbeat heartbeat = holding(new InFlight(30_000), 3);
        tickAt(heartbeat, 15_000);
        LOOP.run(() -> queue.visibilityChanges.getFirst().reply().complete(List.of("m1")));

        tickAt(heartbeat, 15_250);
        assertThat(queue.visibilityChanges.getLast().ids()).containsExactly("m1");
        LOOP.run(() -> queue.visibilityChanges.getLast().reply().completeExceptionally(new RuntimeException("503")));

        tickAt(heartbeat, 15_500);
        assertThat(queue.visibilityChanges).hasSize(3);
        assertThat(queue.visibilityChanges.getLast().ids()).containsExactly("m1");
    }

    @Test
    void aReleasedMessageIsNoLongerExtended() {
        InFlight inFlight = new InFlight(30_000);
        Heartbeat heartbeat = holding(inFlight, 2);
        LOOP.run(inFlight::releaseAll);

        tickAt(heartbeat, 20_000);

        assertThat(queue.visibilityChanges).isEmpty();
    }
}
