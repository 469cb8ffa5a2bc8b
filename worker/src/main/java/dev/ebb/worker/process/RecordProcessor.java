package dev.ebb.worker.process;

import dev.ebb.image.ImageEngine;
import dev.ebb.image.Outcome;
import dev.ebb.image.RenderedOutput;
import dev.ebb.image.naming.OutputKeys;
import dev.ebb.image.spec.OutputSpec;
import dev.ebb.worker.backpressure.ByteBudget;
import dev.ebb.worker.errorhandler.Failure;
import dev.ebb.worker.errorhandler.FailureClassifier;
import dev.ebb.worker.errorhandler.Operation;
import dev.ebb.worker.event.ObjectEvent;
import dev.ebb.worker.port.ObjectStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One record: check its bucket is allowed, take its size from the {@link ByteBudget}, download,
 * render every output on the bounded worker pool (never on the event loop), upload every output
 * with metadata naming the source. Every failure is classified by the call that failed
 * ({@link Operation}). Completes with a {@link RecordResult}, never fails.
 */
public final class RecordProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(RecordProcessor.class);

    /**
     * Under {@code <prefix>.ebb/} in the destination the worker keeps its own objects (the write
     * check at start); an event for one of them is skipped like an output.
     */
    public static final String RESERVED_FOLDER = ".ebb/";

    /**
     * Where outputs go.
     *
     * @param keysNameBucket output keys are {@code <W>x<H>/<bucket>/<key>} (several source buckets allowed)
     */
    public record Destination(String bucket, String prefix, boolean keysNameBucket) {}

    private final Context context;
    private final WorkerExecutor pool;
    private final ObjectStore store;
    private final ImageEngine engine;
    private final List<OutputSpec> specs;
    private final Destination destination;
    private final Sources sources;
    private final ByteBudget budget;
    private final Runnable downloaded;

    /**
     * Which source buckets a message may name, and which of them the deployment declared (and the
     * worker checked at start). A missing bucket stops the worker only when it was declared; for any
     * other it is that message's fault, or one stale event naming a deleted bucket would stop every
     * worker that received it.
     */
    public record Sources(Predicate<String> allowed, Predicate<String> declared) {}

    /** @param downloaded told on the worker's context whenever a source's body has arrived */
    public RecordProcessor(
            Context context,
            WorkerExecutor pool,
            ObjectStore store,
            ImageEngine engine,
            List<OutputSpec> specs,
            Destination destination,
            Sources sources,
            ByteBudget budget,
            Runnable downloaded) {
        this.context = context;
        this.pool = pool;
        this.store = store;
        this.engine = engine;
        this.specs = specs;
        this.destination = destination;
        this.sources = sources;
        this.budget = budget;
        this.downloaded = downloaded;
    }

    /** A failure already classified by the call that failed; carried through the chain to {@link #process}'s end. */
    private static final class Classified extends RuntimeException {
        final Failure failure;

        Classified(Failure failure) {
            super(failure.reason(), null, false, false);
            this.failure = failure;
        }
    }

    public Future<RecordResult> process(ObjectEvent event) {
        if (!event.isObjectCreated()) {
            return Future.succeededFuture(new RecordResult.Skipped(event, "not_object_created"));
        }
        if (event.isFolderMarker()) {
            return Future.succeededFuture(new RecordResult.Skipped(event, "folder_marker"));
        }
        if (isOwnOutput(event, destination, specs)) {
            return Future.succeededFuture(new RecordResult.Skipped(event, "own_output"));
        }
        if (!sources.allowed().test(event.bucket())) {
            return failed(
                    event,
                    new Failure.Permanent(
                            "foreign_bucket",
                            "s3://" + event.bucket() + " is not in EBB_SOURCE_BUCKETS: nothing was read from it"),
                    RecordResult.Timings.NONE);
        }
        long maxBytes = engine.limits().maxBytes();
        Phases phases = new Phases();
        return sizeOf(event)
                .compose(size -> {
                    if (size > maxBytes) {
                        return failed(
                                event,
                                new Failure.Permanent(
                                        "too_large",
                                        (event.size().isPresent() ? "the event reports " : "the object has ") + size
                                                + " bytes; the limit is " + maxBytes),
                                RecordResult.Timings.NONE);
                    }
                    return withBytes(
                                    size,
                                    () -> Future.fromCompletionStage(
                                                    store.get(event.bucket(), event.key(), event.versionId(), maxBytes),
                                                    context)
                                            .recover(e -> Future.failedFuture(
                                                    sourceFailure(Operation.GET_SOURCE, event.bucket(), e)))
                                            .compose(source -> {
                                                phases.downloaded(source.body().length());
                                                // the native body is freed as soon as it is rendered (or the render
                                                // failed), before the uploads
                                                Future<Outcome> rendering = pool.<Outcome>executeBlocking(
                                                        () -> {
                                                            try (source) {
                                                                return engine.render(
                                                                        source.body()
                                                                                .segment(),
                                                                        specs);
                                                            }
                                                        },
                                                        false);
                                                // after the render is on its way: a warming worker's next receive
                                                // starts from here
                                                downloaded.run();
                                                return rendering
                                                        .onFailure(e -> source.close())
                                                        .map(outcome -> new Rendered(source, outcome));
                                            }))
                            .compose(r -> {
                                phases.rendered();
                                return switch (r.outcome()) {
                                    case Outcome.Rejected rej ->
                                        failed(
                                                event,
                                                new Failure.Permanent(
                                                        rej.rejection().reason().code(),
                                                        rej.rejection().message()),
                                                phases.timings(0));
                                    case Outcome.Rendered rendered ->
                                        upload(event, r.source(), rendered.outputs())
                                                .map(keys -> {
                                                    phases.uploaded();
                                                    long out = rendered.outputs().stream()
                                                            .mapToLong(o -> o.bytes().length)
                                                            .sum();
                                                    return (RecordResult)
                                                            new RecordResult.Done(event, keys, phases.timings(out));
                                                });
                                };
                            });
                })
                .recover(e -> failed(event, e instanceof Classified c ? c.failure : internal(e), phases.timings(0)));
    }

    private record Rendered(ObjectStore.SourceObject source, Outcome outcome) {}

    /** From the event, or HEAD when the event does not say (S3's own events always do). */
    private Future<Long> sizeOf(ObjectEvent event) {
        if (event.size().isPresent()) {
            return Future.succeededFuture(event.size().get());
        }
        return Future.fromCompletionStage(store.size(event.bucket(), event.key(), event.versionId()), context)
                .recover(e -> Future.failedFuture(sourceFailure(Operation.HEAD_SOURCE, event.bucket(), e)));
    }

    /** Holds {@code size} bytes of the budget while {@code work} downloads and renders; released whatever happens. */
    private <T> Future<T> withBytes(long size, Supplier<Future<T>> work) {
        Promise<Void> granted = Promise.promise();
        budget.acquire(size, granted::complete);
        return granted.future().compose(v -> {
            Future<T> f;
            try {
                f = work.get();
            } catch (RuntimeException e) {
                f = Future.failedFuture(e);
            }
            return f.andThen(x -> context.runOnContext(y -> budget.release(size)));
        });
    }

    /**
     * A bucket that does not exist, named by a message while the deployment declared no such source
     * bucket, is that message's fault (a stale event): no image of it can be read, by any worker.
     * A forbidden bucket stays a configuration fault whatever the message says: a role that may not
     * read would otherwise dead-letter the whole backlog.
     */
    private Classified sourceFailure(Operation op, String bucket, Throwable e) {
        Failure f = classify(op, bucket, e);
        if (f instanceof Failure.Configuration c
                && c.reason().equals("source_bucket_missing")
                && !sources.declared().test(bucket)) {
            f = new Failure.Permanent(
                    c.reason(), c.detail() + " (not in EBB_SOURCE_BUCKETS: dead-lettered as this message's fault)");
        }
        return new Classified(f);
    }

    private Classified classified(Operation op, String bucket, Throwable e) {
        return new Classified(classify(op, bucket, e));
    }

    /** What a failed call about {@code bucket} means; the store reads its own exceptions. */
    private Failure classify(Operation op, String bucket, Throwable e) {
        return FailureClassifier.classify(op, bucket, store.fault(e));
    }

    private Failure internal(Throwable e) {
        Failure f = classify(Operation.GET_SOURCE, "", e);
        if (f.reason().equals("internal")) {
            LOG.error("unexpected error while processing a record (a bug; the message will be retried)", e);
        }
        return f;
    }

    /**
     * An event for one of this worker's own objects (the destination bucket also sends events to
     * the queue): processing an output would resize thumbnails of thumbnails, for ever.
     */
    public static boolean isOwnOutput(ObjectEvent event, Destination destination, List<OutputSpec> specs) {
        if (!event.bucket().equals(destination.bucket()) || !event.key().startsWith(destination.prefix())) {
            return false;
        }
        String rest = event.key().substring(destination.prefix().length());
        return rest.startsWith(RESERVED_FOLDER)
                || specs.stream().anyMatch(spec -> rest.startsWith(spec.boxName() + "/"));
    }

    /** {@code <prefix><W>x<H>/[<bucket>/]<key with the format's extension>}. */
    public static String outputKey(Destination destination, String bucket, String key, OutputSpec spec) {
        return OutputKeys.of(destination.prefix(), destination.keysNameBucket() ? bucket + "/" + key : key, spec);
    }

    private Future<List<String>> upload(
            ObjectEvent event, ObjectStore.SourceObject source, List<RenderedOutput> outputs) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("ebb-source-bucket", event.bucket());
        metadata.put(
                "ebb-source-key",
                URLEncoder.encode(event.key(), StandardCharsets.UTF_8).replace("+", "%20"));
        metadata.put("ebb-source-etag", source.eTag());
        source.versionId().or(event::versionId).ifPresent(v -> metadata.put("ebb-source-version", v));
        List<String> keys = new ArrayList<>();
        List<Future<Void>> puts = new ArrayList<>();
        for (RenderedOutput o : outputs) {
            String key = outputKey(destination, event.bucket(), event.key(), o.spec());
            keys.add(key);
            puts.add(Future.fromCompletionStage(
                            store.put(
                                    destination.bucket(),
                                    key,
                                    o.bytes(),
                                    o.spec().format().contentType(),
                                    metadata),
                            context)
                    .recover(e -> Future.failedFuture(classified(Operation.PUT_OUTPUT, destination.bucket(), e))));
        }
        // join, not all: every PUT has ended before the record's verdict, so a retry never overlaps a write still under
        // way.
        return Future.join(puts).transform(ar -> {
            if (ar.succeeded()) {
                return Future.succeededFuture(List.copyOf(keys));
            }
            Throwable first = puts.stream()
                    .filter(Future::failed)
                    .map(Future::cause)
                    .filter(c -> c instanceof Classified cl && cl.failure instanceof Failure.Configuration)
                    .findFirst()
                    .orElse(ar.cause());
            return Future.failedFuture(first);
        });
    }

    private static Future<RecordResult> failed(ObjectEvent event, Failure failure, RecordResult.Timings timings) {
        return Future.succeededFuture(new RecordResult.Failed(event, failure, timings));
    }

    /**
     * When a record's download, render and upload ended (0: that phase did not end) and the bytes it
     * downloaded: its {@link RecordResult.Timings}. Marked on the worker's context, one phase after
     * the other.
     */
    private static final class Phases {
        private final long start = System.nanoTime();
        private long downloaded;
        private long rendered;
        private long uploaded;
        private long bytesIn;

        void downloaded(long bytes) {
            downloaded = System.nanoTime();
            bytesIn = bytes;
        }

        void rendered() {
            rendered = System.nanoTime();
        }

        void uploaded() {
            uploaded = System.nanoTime();
        }

        RecordResult.Timings timings(long bytesOut) {
            return new RecordResult.Timings(
                    millis(start, downloaded),
                    millis(downloaded, rendered),
                    millis(rendered, uploaded),
                    bytesIn,
                    bytesOut);
        }

        private static long millis(long from, long to) {
            return to == 0 ? 0 : (to - from) / 1_000_000;
        }
    }
}
