package dev.ebb.worker.testing;

import dev.ebb.worker.port.Fault;
import dev.ebb.worker.port.ObjectStore;
import dev.ebb.worker.port.ObjectTooLargeException;
import dev.ebb.worker.port.SourceBody;
import java.lang.foreign.MemorySegment;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link ObjectStore} port in memory: a test double of Ebb's own port, not of S3. Objects are
 * put and read back by bucket and key; a test makes every call about a bucket fail with the
 * {@link Fault} the S3 adapter would report, and a missing key fails as S3's 404 NoSuchKey.
 */
public final class MemoryStore implements ObjectStore {

    /** An object as it was written. */
    @SuppressWarnings("ArrayRecordComponent") // what a test reads back; never compared or hashed
    public record Stored(byte[] bytes, String contentType, Map<String, String> metadata) {}

    /**
     * What a call of a port double throws for {@code fault}: {@link #faultOf} reads it back, as the
     * adapter reads S3's errors.
     */
    public static RuntimeException failure(Fault fault) {
        return new Failed(fault);
    }

    /** The {@link Fault} a {@link #failure} carried; what the store's {@link #fault} says. */
    public static Fault faultOf(Throwable error) {
        Throwable e = error instanceof CompletionException c && c.getCause() != null ? c.getCause() : error;
        return switch (e) {
            case Failed f -> f.fault;
            case ObjectTooLargeException t -> new Fault.TooLarge(t.getMessage());
            default -> new Fault.Internal(e);
        };
    }

    /** A call this store failed. */
    private static final class Failed extends RuntimeException {
        final Fault fault;

        Failed(Fault fault) {
            super(fault.toString(), null, false, false);
            this.fault = fault;
        }
    }

    private final Map<String, Stored> objects = new ConcurrentHashMap<>();
    private final Map<String, Fault> failing = new ConcurrentHashMap<>();

    public void add(String bucket, String key, byte[] bytes) {
        objects.put(bucket + "/" + key, new Stored(bytes, "application/octet-stream", Map.of()));
    }

    public Optional<Stored> object(String bucket, String key) {
        return Optional.ofNullable(objects.get(bucket + "/" + key));
    }

    /** Every later call about {@code bucket} fails with {@code fault}. */
    public void failCallsAbout(String bucket, Fault fault) {
        failing.put(bucket, fault);
    }

    @Override
    public CompletableFuture<SourceObject> get(String bucket, String key, Optional<String> versionId, long maxBytes) {
        return read(bucket, key).thenApply(stored -> {
            if (stored.bytes().length > maxBytes) {
                throw new ObjectTooLargeException(stored.bytes().length, maxBytes);
            }
            SourceBody body = SourceBody.allocate(stored.bytes().length);
            MemorySegment.copy(MemorySegment.ofArray(stored.bytes()), 0, body.segment(), 0, body.length());
            return new SourceObject(body, "\"etag-of-" + key + "\"", versionId);
        });
    }

    @Override
    public CompletableFuture<Long> size(String bucket, String key, Optional<String> versionId) {
        return read(bucket, key).thenApply(stored -> (long) stored.bytes().length);
    }

    private CompletableFuture<Stored> read(String bucket, String key) {
        Fault fault = failing.get(bucket);
        Stored stored = objects.get(bucket + "/" + key);
        if (fault == null && stored == null) {
            fault = new Fault.Service(404, "NoSuchKey", false, "The specified key does not exist.");
        }
        return fault == null
                ? CompletableFuture.completedFuture(stored)
                : CompletableFuture.failedFuture(new Failed(fault));
    }

    @Override
    public CompletableFuture<Void> delete(String bucket, String key) {
        return call(bucket, () -> objects.remove(bucket + "/" + key));
    }

    @Override
    public CompletableFuture<Void> checkBucket(String bucket) {
        return call(bucket, () -> {});
    }

    @Override
    public CompletableFuture<Void> put(
            String bucket, String key, byte[] bytes, String contentType, Map<String, String> metadata) {
        return call(
                bucket, () -> objects.put(bucket + "/" + key, new Stored(bytes, contentType, Map.copyOf(metadata))));
    }

    @Override
    public CompletableFuture<Void> probe(String bucket) {
        return checkBucket(bucket);
    }

    private CompletableFuture<Void> call(String bucket, Runnable effect) {
        Fault fault = failing.get(bucket);
        if (fault != null) {
            return CompletableFuture.failedFuture(new Failed(fault));
        }
        effect.run();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public Fault fault(Throwable error) {
        return faultOf(error);
    }
}
