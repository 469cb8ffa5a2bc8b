package dev.ebb.worker.poison;

import dev.ebb.worker.port.Fault;
import dev.ebb.worker.port.ObjectStore;
import dev.ebb.worker.port.ReceivedMessage;
import dev.ebb.worker.process.RecordProcessor;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The attempt markers ({@link CrashPolicy}) of re-delivered messages: small JSON objects at
 * {@code <EBB_DEST_PREFIX>.ebb/attempts/<message id>} in the destination bucket.
 *
 * <p>Why there: the marker must outlive the worker that writes it, so it cannot live in the
 * worker; a message's attributes cannot be changed once sent; a DynamoDB table would be one more
 * resource, client and grant for a few requests per re-delivery. The destination bucket is
 * already the worker's to write, its reserved {@code .ebb/} folder is skipped when its events
 * come back on the queue, and the stack expires the folder with a lifecycle rule (a marker whose
 * message left the queue with its dead worker is never read again). A first receive reads and
 * writes nothing; a re-delivered message costs one GET, one PUT and one DELETE.
 *
 * <p>Markers are advice, never a gate: when the store cannot be read or written the message is
 * processed as usual (said once on stderr), and every call gives up after {@value #TIMEOUT_MILLIS} ms
 * (an S3 outage must not hold a message or a shutdown). Used on the worker's context.
 */
public final class AttemptMarkers {

    /** Under the reserved {@code .ebb/} folder of the destination prefix. */
    public static final String FOLDER = RecordProcessor.RESERVED_FOLDER + "attempts/";

    static final long TIMEOUT_MILLIS = 5_000;
    private static final long MAX_MARKER_BYTES = 16 * 1024;

    private final ObjectStore store;
    private final Context context;
    private final String bucket;
    private final String prefix;
    private final String worker;
    private final OptionalInt maxReceiveCount;
    private final Consumer<String> warnOnce;
    /**
     * Messages whose marker this worker must delete when they end, with the write that put it there
     * (already complete for a dead worker's marker of a message this worker dead-letters).
     */
    private final Map<String, CompletableFuture<Void>> owned = new HashMap<>();

    private boolean warned;

    /**
     * @param worker who writes the markers (host and process), for whoever reads one
     * @param warn told once, the first time the store fails
     */
    public AttemptMarkers(
            ObjectStore store,
            Context context,
            String bucket,
            String destinationPrefix,
            String worker,
            OptionalInt maxReceiveCount,
            Consumer<String> warn) {
        this.store = store;
        this.context = context;
        this.bucket = bucket;
        this.prefix = destinationPrefix + FOLDER;
        this.worker = worker;
        this.maxReceiveCount = maxReceiveCount;
        this.warnOnce = warn;
    }

    public static String key(String destinationPrefix, String messageId) {
        return destinationPrefix + FOLDER + messageId;
    }

    /** What to do with a message just received; never fails, and asks S3 nothing on a first receive. */
    public Future<CrashPolicy.Plan> plan(ReceivedMessage m) {
        if (!CrashPolicy.needsMarker(m.receiveCount())) {
            return Future.succeededFuture(decide(m, new MarkerState.Absent()));
        }
        return read(m).map(state -> {
            CrashPolicy.Plan plan = decide(m, state);
            if (plan instanceof CrashPolicy.Plan.DeadLetter) {
                owned.put(
                        m.id(),
                        CompletableFuture.completedFuture(null)); // the message leaves the queue: its marker goes too
            }
            return plan;
        });
    }

    private CrashPolicy.Plan decide(ReceivedMessage m, MarkerState state) {
        return CrashPolicy.decide(
                m.receiveCount(), state, maxReceiveCount, worker, Instant.now().toString());
    }

    /** A marker is a few hundred bytes; its native body is freed at once. */
    private static Optional<AttemptMarker> parse(ObjectStore.SourceObject source) {
        try (source) {
            return AttemptMarker.parse(source.body().segment().toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
        }
    }

    private Future<MarkerState> read(ReceivedMessage m) {
        return bounded(store.get(bucket, prefix + m.id(), Optional.empty(), MAX_MARKER_BYTES))
                .map(source -> parse(source)
                        .<MarkerState>map(MarkerState.Found::new)
                        .orElseGet(() -> new MarkerState.Unavailable(
                                "s3://" + bucket + "/" + prefix + m.id() + " is not an attempt marker")))
                .otherwise(e -> switch (store.fault(e)) {
                    case Fault.Service s when s.status() == 404 -> new MarkerState.Absent();
                    case Fault.ObjectAbsent a -> new MarkerState.Absent();
                    case Fault f -> new MarkerState.Unavailable(f.toString());
                })
                .onSuccess(state -> {
                    if (state instanceof MarkerState.Unavailable u) {
                        warn("read", m, u.why());
                    }
                });
    }

    /** Writes {@code mark} before the attempt starts; completes when written or given up, never fails. */
    public Future<Void> mark(ReceivedMessage m, AttemptMarker mark) {
        CompletableFuture<Void> put = store.put(bucket, prefix + m.id(), mark.toBytes(), "application/json", Map.of());
        owned.put(m.id(), put);
        return bounded(put).otherwise(e -> {
            warn("write", m, String.valueOf(store.fault(e)));
            return null;
        });
    }

    /**
     * The attempt ends in an orderly way (done, dead-lettered, retried, released): deletes the
     * marker it owns. Call before the message is acknowledged: a released message may be taken by
     * another worker at once, which must not find this attempt's marker. Never fails.
     */
    public Future<Void> clear(ReceivedMessage m) {
        CompletableFuture<Void> written = owned.remove(m.id());
        if (written == null) {
            return Future.succeededFuture();
        }
        // Deleted once the write has settled, however long after a wait that gave up that is: a marker
        // landing late must not outlive its attempt (a late "died alone" would dead-letter a good image).
        // A write that failed wrote nothing, and nothing is deleted.
        CompletableFuture<Void> deleted = written.thenCompose(v -> store.delete(bucket, prefix + m.id()));
        return bounded(deleted).otherwise(e -> {
            if (!written.isCompletedExceptionally()) {
                warn("delete", m, String.valueOf(store.fault(e)));
            }
            return null;
        });
    }

    /** Waits for {@code call} at most {@value #TIMEOUT_MILLIS} ms; the call itself goes on (a copy times out, not it). */
    private <T> Future<T> bounded(CompletableFuture<T> call) {
        return Future.fromCompletionStage(call.copy().orTimeout(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS), context);
    }

    private void warn(String what, ReceivedMessage m, String why) {
        if (!warned) {
            warned = true;
            warnOnce.accept(
                    "could not " + what + " the attempt marker s3://" + bucket + "/" + prefix + m.id() + " (" + why
                            + "); messages are processed as usual, but one that kills its worker is dead-lettered only by the queue's redrive "
                            + "(without a reason); grant s3:GetObject, s3:PutObject and s3:DeleteObject on " + prefix
                            + "*. Not said again");
        }
    }
}
