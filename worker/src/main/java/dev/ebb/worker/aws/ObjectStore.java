package dev.ebb.worker.aws;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** What the worker needs from S3, and nothing else. */
public interface ObjectStore {

    /** The whole object, refused with {@link ObjectTooLargeException} past {@code maxBytes} before its body is read. */
    CompletableFuture<SourceObject> get(String bucket, String key, Optional<String> versionId, long maxBytes);

    CompletableFuture<Void> put(String bucket, String key, byte[] bytes, String contentType, Map<String, String> metadata);

    /** A cheap call that succeeds when S3 answers; closes a half-open breaker. */
    CompletableFuture<Void> probe(String bucket);

    record SourceObject(byte[] bytes, String eTag, Optional<String> versionId) {}
}
