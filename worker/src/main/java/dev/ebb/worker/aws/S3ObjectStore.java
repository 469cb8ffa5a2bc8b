package dev.ebb.worker.aws;

import dev.ebb.worker.port.Fault;
import dev.ebb.worker.port.ObjectAbsentException;
import dev.ebb.worker.port.ObjectStore;
import io.vertx.core.Context;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * {@link ObjectStore} over S3; every call goes through the S3 {@link Guard}. The per-image and
 * start-up calls go through {@link S3Transfers} (kept lean), the rare ones through the SDK's async
 * client. A download reads the Content-Length first and fills one native segment of exactly that
 * size, so memory per message is bounded by the byte limit.
 */
public final class S3ObjectStore implements ObjectStore {

    private final Supplier<S3AsyncClient> s3;
    private final S3Transfers transfers;
    private final Context context;
    private final Guard guard;

    /**
     * @param s3 the SDK's client, for the rare calls; asked for only when one is made
     * @param transfers GetObject, PutObject, HeadBucket and DeleteObject: the calls every image or start makes
     * @param context the worker's event loop, where those run
     */
    public S3ObjectStore(Supplier<S3AsyncClient> s3, S3Transfers transfers, Context context, Guard guard) {
        this.s3 = s3;
        this.transfers = transfers;
        this.context = context;
        this.guard = guard;
    }

    @Override
    public CompletableFuture<SourceObject> get(String bucket, String key, Optional<String> versionId, long maxBytes) {
        return guard.call("GetObject", () -> transfers.get(context, bucket, key, versionId, maxBytes))
                .exceptionallyCompose(
                        e -> isAccessDenied(e) ? absentOr(bucket, key, e) : CompletableFuture.failedFuture(e));
    }

    /**
     * AWS answers a GetObject of a missing key with 403 unless the role may list the bucket. The
     * role may (the stack grants s3:ListBucket on the source), so a listing tells a missing image,
     * which is the image's fault, from a role that may not read, which is the deployment's.
     */
    private CompletableFuture<SourceObject> absentOr(String bucket, String key, Throwable denied) {
        return guard.call(
                        "ListObjectsV2",
                        () -> s3.get()
                                .listObjectsV2(r -> r.bucket(bucket).prefix(key).maxKeys(1)))
                .handle((listing, e) -> {
                    if (e == null
                            && listing.contents().stream()
                                    .noneMatch(o -> o.key().equals(key))) {
                        throw new ObjectAbsentException(bucket, key);
                    }
                    throw denied instanceof CompletionException c ? c : new CompletionException(denied);
                });
    }

    private static boolean isAccessDenied(Throwable e) {
        return Faults.of(e) instanceof Fault.Service s && s.status() == 403;
    }

    @Override
    public Fault fault(Throwable error) {
        return Faults.of(error);
    }

    @Override
    public CompletableFuture<Long> size(String bucket, String key, Optional<String> versionId) {
        return guard.call(
                        "HeadObject",
                        () -> s3.get().headObject(r -> {
                            r.bucket(bucket).key(key);
                            versionId.ifPresent(r::versionId);
                        }))
                .thenApply(r -> r.contentLength() == null ? 0L : r.contentLength());
    }

    @Override
    public CompletableFuture<Void> delete(String bucket, String key) {
        return guard.call("DeleteObject", () -> transfers.delete(context, bucket, key));
    }

    @Override
    public CompletableFuture<Void> checkBucket(String bucket) {
        return guard.call("HeadBucket", () -> transfers.headBucket(context, bucket));
    }

    @Override
    public CompletableFuture<Void> put(
            String bucket, String key, byte[] bytes, String contentType, Map<String, String> metadata) {
        return guard.call("PutObject", () -> transfers.put(context, bucket, key, bytes, contentType, metadata));
    }

    @Override
    public CompletableFuture<Void> probe(String bucket) {
        return guard.once("HeadBucket", () -> transfers.headBucket(context, bucket));
    }
}
