package dev.ebb.worker.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.image.ImageEngine;
import dev.ebb.image.Limits;
import dev.ebb.image.spec.OutputFormat;
import dev.ebb.image.spec.OutputSpec;
import dev.ebb.image.spec.ResizeMode;
import dev.ebb.image.spec.Rgb;
import dev.ebb.worker.backpressure.ByteBudget;
import dev.ebb.worker.errorhandler.Failure;
import dev.ebb.worker.errorhandler.Verdict;
import dev.ebb.worker.event.ObjectEvent;
import dev.ebb.worker.port.Fault;
import dev.ebb.worker.testing.Images;
import dev.ebb.worker.testing.MemoryStore;
import dev.ebb.worker.testing.TestContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One record through {@link RecordProcessor#process}, fast: the real engine on a real Vert.x
 * context, the store in memory ({@link MemoryStore}) failing as the S3 adapter reports failures.
 * Each row: what the store holds or how it fails, the event, how the record ends, and what that
 * does to its message ({@link Verdicts}) — a fault of the deployment never dead-letters an image.
 */
class RecordProcessorTest {

    private static final TestContext LOOP = new TestContext();
    private static final WorkerExecutor POOL = LOOP.vertx().createSharedWorkerExecutor("test-render", 1);
    private static final long MAX_BYTES = 200_000;
    private static final ImageEngine ENGINE = ImageEngine.withImageIo(new Limits(MAX_BYTES, 100_000_000L, 30_000));
    private static final List<OutputSpec> SPECS =
            OutputSpec.parseSizes("64x64", ResizeMode.FIT, OutputFormat.JPEG, 85, Rgb.BLACK);
    private static final byte[] PHOTO = Images.jpeg(320, 240, 1);
    private static final byte[] TOO_BIG = new byte[(int) MAX_BYTES + 1];

    private final MemoryStore store = new MemoryStore();
    private final ByteBudget budget = new ByteBudget(10 * MAX_BYTES);
    /** One entry per download the processor told of: whether it told on the worker's context. */
    private final List<Boolean> downloads = new CopyOnWriteArrayList<>();

    private final RecordProcessor processor = new RecordProcessor(
            LOOP.context(),
            POOL,
            store,
            ENGINE,
            SPECS,
            new RecordProcessor.Destination("thumbs", "", false),
            // any bucket but "elsewhere" may be read; only "photos" was declared (and checked at start)
            new RecordProcessor.Sources(bucket -> !bucket.equals("elsewhere"), Set.of("photos")::contains),
            budget,
            () -> downloads.add(LOOP.context().equals(Vertx.currentContext())));

    @AfterAll
    static void close() throws Exception {
        LOOP.close();
    }

    static Stream<Arguments> table() {
        Consumer<MemoryStore> photo = s -> s.add("photos", "cat.jpg", PHOTO);
        return Stream.of(
                row("a good JPEG", photo, created("photos", "cat.jpg", PHOTO.length), "done:64x64/cat.jpg", "delete"),
                row(
                        "a good JPEG, its size from HEAD",
                        photo,
                        created("photos", "cat.jpg"),
                        "done:64x64/cat.jpg",
                        "delete"),
                row(
                        "a corrupt image",
                        s -> s.add("photos", "cat.jpg", Images.truncatedJpeg(320, 240)),
                        created("photos", "cat.jpg"),
                        "permanent:corrupt",
                        "dead_letter"),
                row(
                        "a missing source",
                        s -> {},
                        created("photos", "cat.jpg"),
                        "permanent:source_missing",
                        "dead_letter"),
                row(
                        "a missing source behind a 403 (the adapter listed the bucket)",
                        s -> s.failCallsAbout("photos", new Fault.ObjectAbsent("no such key")),
                        created("photos", "cat.jpg"),
                        "permanent:source_missing",
                        "dead_letter"),
                row(
                        "too large, by the event's size (nothing read)",
                        photo,
                        created("photos", "cat.jpg", MAX_BYTES + 1),
                        "permanent:too_large",
                        "dead_letter"),
                row(
                        "too large, by HEAD",
                        s -> s.add("photos", "big.jpg", TOO_BIG),
                        created("photos", "big.jpg"),
                        "permanent:too_large",
                        "dead_letter"),
                row(
                        "too large, refused by the store although the event said small",
                        s -> s.add("photos", "big.jpg", TOO_BIG),
                        created("photos", "big.jpg", 10),
                        "permanent:too_large",
                        "dead_letter"),
                row(
                        "a bucket not allowed",
                        photo,
                        created("elsewhere", "cat.jpg"),
                        "permanent:foreign_bucket",
                        "dead_letter"),
                row(
                        "the destination missing",
                        photo.andThen(s -> s.failCallsAbout("thumbs", service(404, "NoSuchBucket"))),
                        created("photos", "cat.jpg"),
                        "configuration:destination_missing",
                        "stop"),
                row(
                        "the destination forbidden",
                        photo.andThen(s -> s.failCallsAbout("thumbs", service(403, "AccessDenied"))),
                        created("photos", "cat.jpg"),
                        "configuration:destination_forbidden",
                        "stop"),
                row(
                        "the destination failing",
                        photo.andThen(s -> s.failCallsAbout("thumbs", service(500, "InternalError"))),
                        created("photos", "cat.jpg"),
                        "transient:aws_500",
                        "retry"),
                row(
                        "the source forbidden",
                        s -> s.failCallsAbout("photos", service(403, "AccessDenied")),
                        created("photos", "cat.jpg"),
                        "configuration:source_forbidden",
                        "stop"),
                row(
                        "a declared source bucket missing",
                        s -> s.failCallsAbout("photos", service(404, "NoSuchBucket")),
                        created("photos", "cat.jpg"),
                        "configuration:source_bucket_missing",
                        "stop"),
                row(
                        "an undeclared source bucket missing (a stale event)",
                        s -> s.failCallsAbout("old", service(404, "NoSuchBucket")),
                        created("old", "cat.jpg"),
                        "permanent:source_bucket_missing",
                        "dead_letter"),
                row(
                        "the worker's own output",
                        photo,
                        created("thumbs", "64x64/cat.jpg"),
                        "skipped:own_output",
                        "delete"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void aRecordEndsAsItsSourceAndDestinationDecide(
            String name, Consumer<MemoryStore> world, ObjectEvent event, String result, String verdict)
            throws Exception {
        world.accept(store);

        RecordResult r = process(event);

        assertThat(describe(r)).isEqualTo(result);
        assertThat(describe(Verdicts.of(List.of(r)))).isEqualTo(verdict);
        // read on the context, after the release the record's end queued there
        assertThat(LOOP.call(budget::used)).as("the byte budget is given back").isZero();
    }

    @Test
    void aGoodJpegWritesItsOutputsNamingTheirSource() throws Exception {
        store.add("photos", "a cat.jpg", PHOTO);

        process(created("photos", "a cat.jpg", PHOTO.length));

        MemoryStore.Stored out = store.object("thumbs", "64x64/a cat.jpg").orElseThrow();
        assertThat(out.contentType()).isEqualTo("image/jpeg");
        assertThat(out.metadata())
                .containsEntry("ebb-source-bucket", "photos")
                .containsEntry("ebb-source-key", "a%20cat.jpg")
                .containsEntry("ebb-source-etag", "\"etag-of-a cat.jpg\"");
        BufferedImage thumbnail = Images.read(out.bytes());
        assertThat(List.of(thumbnail.getWidth(), thumbnail.getHeight())).containsExactly(64, 48);
    }

    @Test
    void theWorkerIsToldOfEachArrivedDownloadAndOfNoOther() throws Exception {
        store.add("photos", "cat.jpg", PHOTO);

        process(created("photos", "cat.jpg", PHOTO.length));
        process(created("photos", "missing.jpg"));
        process(created("photos", "cat.jpg", MAX_BYTES + 1));

        assertThat(downloads)
                .as("told once, for the one body read, on the worker's context")
                .containsExactly(true);
    }

    private RecordResult process(ObjectEvent event) throws Exception {
        Future<RecordResult> result = LOOP.call(() -> processor.process(event));
        return result.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Arguments row(
            String name, Consumer<MemoryStore> world, ObjectEvent event, String result, String verdict) {
        return Arguments.of(name, world, event, result, verdict);
    }

    private static ObjectEvent created(String bucket, String key, long size) {
        return new ObjectEvent("ObjectCreated:Put", bucket, key, Optional.of(size), Optional.empty(), Optional.empty());
    }

    /** An event that does not carry the size: the processor asks the store (HEAD). */
    private static ObjectEvent created(String bucket, String key) {
        return new ObjectEvent("ObjectCreated:Put", bucket, key, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static Fault service(int status, String code) {
        return new Fault.Service(status, code, false, code);
    }

    private static String describe(RecordResult r) {
        return switch (r) {
            case RecordResult.Done d -> "done:" + String.join(",", d.outputKeys());
            case RecordResult.Skipped s -> "skipped:" + s.reason();
            case RecordResult.Failed f ->
                switch (f.failure()) {
                    case Failure.Permanent p -> "permanent:" + p.reason();
                    case Failure.Transient t -> "transient:" + t.reason();
                    case Failure.Configuration c -> "configuration:" + c.reason();
                };
        };
    }

    private static String describe(Verdict v) {
        return switch (v) {
            case Verdict.Delete d -> "delete";
            case Verdict.DeadLetter dl -> "dead_letter";
            case Verdict.Retry rt -> "retry";
            case Verdict.Stop st -> "stop";
        };
    }
}
