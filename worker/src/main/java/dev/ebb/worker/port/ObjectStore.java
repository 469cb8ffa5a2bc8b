package dev.ebb.worker.port;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** What the worker needs from S3, and nothing else. */
public interface ObjectStore {

    /**
     * The whole object, refused with {@link ObjectTooLargeException} past {@code maxBytes} before its
     * body is read. A missing key fails as S3 says (404 NoSuchKey), or with
     * {@link ObjectAbsentException} where S3 answered 403 and a listing showed the key is absent.
     */
    CompletableFuture<SourceObject> get(String bucket, String key, Optional<String> versionId, long maxBytes);

    /** The object's size in bytes (HeadObject), for events that do not carry it. */
    CompletableFuture<Long> size(String bucket, String key, Optional<String> versionId);

    /** Deletes one of the worker's own objects under {@code .ebb/} (the write check at start, attempt markers); never an image or an output. */
    CompletableFuture<Void> delete(String bucket, String key);

    /** Succeeds when the bucket exists and the worker may see it (HeadBucket, retried like any call). */
    CompletableFuture<Void> checkBucket(String bucket);

    CompletableFuture<Void> put(
            String bucket, String key, byte[] bytes, String contentType, Map<String, String> metadata);

    /** A cheap call that succeeds when S3 answers; closes a half-open breaker. */
    CompletableFuture<Void> probe(String bucket);

    /**
     * What a failed call of this store means, with no client types: the adapter knows what its
     * client throws, the stages classify the {@link Fault} ({@code errorhandler/FailureClassifier}).
     */
    Fault fault(Throwable error);

    /** The body is native memory the caller must {@link #close()} once it has been rendered. */
    record SourceObject(SourceBody body, String eTag, Optional<String> versionId) implements AutoCloseable {
        @Override
        public void close() {
            body.close();
        }
    }
}
