package dev.ebb.worker.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.ebb.worker.config.ConfigReader;
import dev.ebb.worker.config.WorkerConfig;
import dev.ebb.worker.port.Fault;
import dev.ebb.worker.port.ObjectStore;
import dev.ebb.worker.testing.MemoryStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The start's bucket checks over the {@link ObjectStore} port, with a store whose answers the test
 * gives by hand: what is sent before any answer, and which answer stops the start. The same checks
 * against S3's wire protocol: {@code moto/MisconfiguredDestinationMotoIT}.
 */
class BucketCheckTest {

    private static final Fault NO_SUCH_BUCKET = new Fault.Service(404, "NoSuchBucket", false, "no such bucket");
    private static final Fault DENIED = new Fault.Service(403, "AccessDenied", false, "access denied");
    private static final Fault BUSY = new Fault.Service(503, "SlowDown", true, "slow down");
    private static final String HEAD_DEST = "HeadBucket thumbs";
    private static final String WRITE_CHECK = "PutObject thumbs/out/.ebb/write-check";
    private static final String DELETE = "DeleteObject thumbs/out/.ebb/write-check";

    private final HeldStore store = new HeldStore();
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    @Test
    @Timeout(5) // the old check waited for each answer in turn, 120 s apiece
    void everyRequestGoesOutBeforeAnyAnswerArrives() throws Exception {
        BucketCheck.start(store, config("uploads,archive"), warnings::add);

        assertThat(store.calls()).containsExactly(HEAD_DEST, WRITE_CHECK, "HeadBucket uploads", "HeadBucket archive");
    }

    @Test
    void allAnsweredWellTheStartGoesOnAndTheWriteCheckIsDeletedAfterItLanded() throws Exception {
        BucketCheck check = BucketCheck.start(store, config("uploads"), warnings::add);
        assertThat(store.calls()).doesNotContain(DELETE);

        store.answerAll();
        check.await();

        assertThat(store.calls()).last().isEqualTo(DELETE);
        assertThat(warnings).isEmpty();
    }

    static Stream<Arguments> configurationFaults() {
        return Stream.of(
                arguments(
                        "a missing destination, reported as missing, not as the write refused because of it",
                        Map.of(HEAD_DEST, NO_SUCH_BUCKET, WRITE_CHECK, DENIED),
                        "s3://thumbs (EBB_DEST_BUCKET) does not exist"),
                arguments(
                        "a destination the role may see but not write",
                        Map.of(WRITE_CHECK, DENIED),
                        "grant it s3:PutObject"),
                arguments(
                        "a missing source bucket",
                        Map.of("HeadBucket archive", NO_SUCH_BUCKET),
                        "s3://archive (EBB_SOURCE_BUCKETS) does not exist"),
                arguments(
                        "a source bucket the role may not see",
                        Map.of("HeadBucket uploads", DENIED),
                        "may not use s3://uploads (EBB_SOURCE_BUCKETS"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurationFaults")
    void aConfigurationFaultStopsTheStartAndSaysWhichBucketAndWhy(
            String situation, Map<String, Fault> failing, String says) throws Exception {
        BucketCheck check = BucketCheck.start(store, config("uploads,archive"), warnings::add);
        failing.forEach(store::answer);
        store.answerAll();

        StartupException e = catchThrowableOfType(StartupException.class, check::await);

        assertThat(e.exitCode()).isEqualTo(ExitCodes.MISCONFIGURED);
        assertThat(e.getMessage()).contains(says);
        assertThat(configurationFaults().map(c -> (String) c.get()[2]).filter(other -> !other.equals(says)))
                .as("only this fault is reported")
                .noneMatch(e.getMessage()::contains);
        assertThat(warnings).isEmpty();
        if (failing.containsKey(WRITE_CHECK)) {
            assertThat(store.calls())
                    .as("a write that failed leaves nothing to delete")
                    .doesNotContain(DELETE);
        }
    }

    @Test
    void s3FailingIsWarnedAboutAndTheStartGoesOnWithTheOtherChecksStillRead() throws Exception {
        BucketCheck check = BucketCheck.start(store, config("uploads"), warnings::add);
        store.answer(HEAD_DEST, BUSY);
        store.answer("HeadBucket uploads", DENIED);
        store.answerAll();

        StartupException e = catchThrowableOfType(StartupException.class, check::await);

        assertThat(warnings)
                .singleElement()
                .asString()
                .contains("could not check s3://thumbs")
                .contains("starting anyway");
        assertThat(e.getMessage()).contains("s3://uploads");
    }

    @Test
    void aWriteCheckThatCannotBeDeletedIsWarnedAboutOnly() throws Exception {
        BucketCheck check = BucketCheck.start(store, config("uploads"), warnings::add);
        store.answer(HEAD_DEST);
        store.answer("HeadBucket uploads");
        store.answer(WRITE_CHECK);
        store.answer(DELETE, DENIED);

        check.await();

        assertThat(warnings).singleElement().asString().contains("could not delete s3://thumbs/out/.ebb/write-check");
    }

    private static WorkerConfig config(String sources) throws Exception {
        return ConfigReader.read(
                Map.of(
                        "EBB_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/uploads",
                        "EBB_DEST_BUCKET", "thumbs",
                        "EBB_DEST_PREFIX", "out/",
                        "EBB_SOURCE_BUCKETS", sources),
                2);
    }

    /**
     * The port with its answers held until the test gives them: each call is recorded and left
     * pending. A test double of Ebb's own port, not of S3.
     */
    private static final class HeldStore implements ObjectStore {

        private record Call(String name, CompletableFuture<Void> answer) {}

        private final List<Call> calls = new CopyOnWriteArrayList<>();

        List<String> calls() {
            return calls.stream().map(Call::name).toList();
        }

        /** Fails the pending call named {@code name} with {@code fault}. */
        void answer(String name, Fault fault) {
            pending(name).completeExceptionally(MemoryStore.failure(fault));
        }

        /** Answers the pending call named {@code name} with success. */
        void answer(String name) {
            pending(name).complete(null);
        }

        /** Answers every pending call with success, including those the answers lead to. */
        void answerAll() {
            List<CompletableFuture<Void>> open;
            do {
                open = calls.stream().map(Call::answer).filter(a -> !a.isDone()).toList();
                open.forEach(a -> a.complete(null));
            } while (!open.isEmpty());
        }

        private CompletableFuture<Void> pending(String name) {
            return calls.stream()
                    .filter(c -> c.name().equals(name) && !c.answer().isDone())
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no pending " + name + " in " + calls()))
                    .answer();
        }

        private CompletableFuture<Void> record(String name) {
            CompletableFuture<Void> answer = new CompletableFuture<>();
            calls.add(new Call(name, answer));
            return answer;
        }

        @Override
        public CompletableFuture<Void> checkBucket(String bucket) {
            return record("HeadBucket " + bucket);
        }

        @Override
        public CompletableFuture<Void> put(
                String bucket, String key, byte[] bytes, String contentType, Map<String, String> metadata) {
            return record("PutObject " + bucket + "/" + key);
        }

        @Override
        public CompletableFuture<Void> delete(String bucket, String key) {
            return record("DeleteObject " + bucket + "/" + key);
        }

        @Override
        public CompletableFuture<SourceObject> get(
                String bucket, String key, Optional<String> versionId, long maxBytes) {
            throw new UnsupportedOperationException("not a start-up call");
        }

        @Override
        public CompletableFuture<Long> size(String bucket, String key, Optional<String> versionId) {
            throw new UnsupportedOperationException("not a start-up call");
        }

        @Override
        public CompletableFuture<Void> probe(String bucket) {
            throw new UnsupportedOperationException("not a start-up call");
        }

        @Override
        public Fault fault(Throwable error) {
            return MemoryStore.faultOf(error);
        }
    }
}
