package dev.ebb.worker.process;

import dev.ebb.image.ImageEngine;
import dev.ebb.image.Outcome;
import dev.ebb.image.RenderedOutput;
import dev.ebb.image.naming.OutputKeys;
import dev.ebb.image.spec.OutputSpec;
import dev.ebb.worker.aws.ObjectStore;
import dev.ebb.worker.errorhandler.Failure;
import dev.ebb.worker.errorhandler.FailureClassifier;
import dev.ebb.worker.event.ObjectEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One record: download, render every output on the bounded worker pool (never on the event loop),
 * upload every output with metadata naming the source. Completes with a {@link RecordResult},
 * never fails.
 */
public final class RecordProcessor {

    /** Where an output goes and what it says about its source. */
    public record Destination(String bucket, String prefix) {}

    private final Context context;
    private final WorkerExecutor pool;
    private final ObjectStore store;
    private final ImageEngine engine;
    private final List<OutputSpec> specs;
    private final Destination destination;

    public RecordProcessor(Context context, WorkerExecutor pool, ObjectStore store, ImageEngine engine,
            List<OutputSpec> specs, Destination destination) {
        this.context = context;
        this.pool = pool;
        this.store = store;
        this.engine = engine;
        this.specs = specs;
        this.destination = destination;
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
        long maxBytes = engine.limits().maxBytes();
        if (event.size().orElse(0L) > maxBytes) {
            return failed(event, new Failure.Permanent("too_large",
                    "the event reports " + event.size().get() + " bytes; the limit is " + maxBytes), RecordResult.Timings.NONE);
        }
        long start = System.nanoTime();
        long[] marks = new long[3];
        long[] bytesIn = {0};
        return Future.fromCompletionStage(store.get(event.bucket(), event.key(), event.versionId(), maxBytes), context)
                .compose(source -> {
                    marks[0] = System.nanoTime();
                    bytesIn[0] = source.bytes().length;
                    return pool.<Outcome>executeBlocking(() -> engine.render(source.bytes(), specs), false).compose(outcome -> {
                        marks[1] = System.nanoTime();
                        return switch (outcome) {
                            case Outcome.Rejected r -> failed(event, new Failure.Permanent(r.rejection().reason().code(), r.rejection().message()),
                                    timings(start, marks, bytesIn[0], 0));
                            case Outcome.Rendered rendered -> upload(event, source, rendered.outputs()).map(keys -> {
                                marks[2] = System.nanoTime();
                                long out = rendered.outputs().stream().mapToLong(o -> o.bytes().length).sum();
                                return (RecordResult) new RecordResult.Done(event, keys, timings(start, marks, bytesIn[0], out));
                            });
                        };
                    });
                })
                .recover(e -> failed(event, FailureClassifier.classify(e), timings(start, marks, bytesIn[0], 0)));
    }

    /**
     * An event for one of this worker's own outputs (the destination bucket also sends events to
     * the queue): processing it would resize thumbnails of thumbnails, for ever.
     */
    public static boolean isOwnOutput(ObjectEvent event, Destination destination, List<OutputSpec> specs) {
        if (!event.bucket().equals(destination.bucket()) || !event.key().startsWith(destination.prefix())) {
            return false;
        }
        String rest = event.key().substring(destination.prefix().length());
        return specs.stream().anyMatch(spec -> rest.startsWith(spec.boxName() + "/"));
    }

    private Future<List<String>> upload(ObjectEvent event, ObjectStore.SourceObject source, List<RenderedOutput> outputs) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("ebb-source-bucket", event.bucket());
        metadata.put("ebb-source-key", URLEncoder.encode(event.key(), StandardCharsets.UTF_8).replace("+", "%20"));
        metadata.put("ebb-source-etag", source.eTag());
        source.versionId().or(event::versionId).ifPresent(v -> metadata.put("ebb-source-version", v));
        List<String> keys = new ArrayList<>();
        List<Future<Void>> puts = new ArrayList<>();
        for (RenderedOutput o : outputs) {
            String key = OutputKeys.of(destination.prefix(), event.key(), o.spec());
            keys.add(key);
            puts.add(Future.fromCompletionStage(store.put(destination.bucket(), key, o.bytes(), o.spec().format().contentType(), metadata), context));
        }
        return Future.all(puts).map(all -> List.copyOf(keys));
    }

    private static Future<RecordResult> failed(ObjectEvent event, Failure failure, RecordResult.Timings timings) {
        return Future.succeededFuture(new RecordResult.Failed(event, failure, timings));
    }

    private static RecordResult.Timings timings(long start, long[] marks, long in, long out) {
        long download = marks[0] == 0 ? 0 : (marks[0] - start) / 1_000_000;
        long render = marks[1] == 0 ? 0 : (marks[1] - marks[0]) / 1_000_000;
        long upload = marks[2] == 0 ? 0 : (marks[2] - marks[1]) / 1_000_000;
        return new RecordResult.Timings(download, render, upload, in, out);
    }
}
