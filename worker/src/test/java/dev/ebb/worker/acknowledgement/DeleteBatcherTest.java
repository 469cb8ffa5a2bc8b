package dev.ebb.worker.acknowledgement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ebb.worker.port.ReceivedMessage;
import dev.ebb.worker.testing.ScriptedQueue;
import dev.ebb.worker.testing.TestContext;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Deletes batched to DeleteMessageBatch calls against a scripted queue on a real context, with Vert.x's own timer. */
class DeleteBatcherTest {

    private static final TestContext LOOP = new TestContext();
    /** Longer than any test: a batch that goes out went because it was full. */
    private static final long NEVER = 60_000;

    private final ScriptedQueue queue = new ScriptedQueue();

    @AfterAll
    static void close() throws Exception {
        LOOP.close();
    }

    private DeleteBatcher batcher(long flushDelayMillis) {
        return new DeleteBatcher(LOOP.vertx(), LOOP.context(), queue, flushDelayMillis);
    }

    private List<Future<Boolean>> delete(DeleteBatcher batcher, int n) {
        return LOOP.call(() -> IntStream.range(0, n)
                .mapToObj(i -> batcher.delete(new ReceivedMessage.Handle("m" + i, "rh-m" + i)))
                .toList());
    }

    @ParameterizedTest(name = "flush delay {0} ms, {1} deletes: calls of {2} at once")
    @CsvSource({
        // flush delay, deletes, sizes of the calls made at once
        "60000,  1, ''",
        "60000,  9, ''", // waits for a tenth or the delay
        "60000, 10, 10", // a full batch goes at once
        "60000, 11, 10",
        "60000, 23, 10 10",
        "    0,  3, 1 1 1"
    }) // no delay: each on its own
    void aBatchGoesOutWhenTenAreWaiting(long flushDelay, int deletes, String sizes) {
        delete(batcher(flushDelay), deletes);

        List<Integer> expected = sizes.isBlank()
                ? List.of()
                : List.of(sizes.split(" ")).stream().map(Integer::valueOf).toList();
        assertThat(queue.deletes).extracting(d -> d.handles().size()).containsExactlyElementsOf(expected);
        assertThat(queue.deletes.stream().flatMap(d -> d.ids().stream()))
                .containsExactlyElementsOf(
                        IntStream.range(0, expected.stream().mapToInt(i -> i).sum())
                                .mapToObj(i -> "m" + i)
                                .toList());
    }

    @Test
    void fewerThanTenGoOutTogetherOnceTheDelayIsOver() {
        long start = System.nanoTime();
        delete(batcher(100), 3);
        assertThat(queue.deletes).isEmpty();

        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(5)).until(() -> !queue.deletes.isEmpty());

        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(100);
        assertThat(queue.deletes)
                .singleElement()
                .extracting(ScriptedQueue.Delete::ids)
                .isEqualTo(List.of("m0", "m1", "m2"));
    }

    @Test
    void eachCallerLearnsWhetherItsOwnMessageWasDeleted() {
        List<Future<Boolean>> results = delete(batcher(NEVER), 10);

        LOOP.run(() -> queue.deletes.getFirst().reply().complete(List.of("m3", "m7")));

        assertThat(results)
                .extracting(Future::result)
                .containsExactly(true, true, true, false, true, true, true, false, true, true);
    }

    @Test
    void aFailedCallDeletedNone() {
        List<Future<Boolean>> results = delete(batcher(0), 1);

        LOOP.run(() -> queue.deletes.getFirst().reply().completeExceptionally(new RuntimeException("503")));

        assertThat(results).extracting(Future::result).containsExactly(false);
    }
}
