package dev.ebb.worker.aws;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.async.ResponsePublisher;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * {@link ObjectStore} over the SDK's async S3 client; every call goes through the S3 {@link Guard}.
 * A download reads the Content-Length first and fills one array of exactly that size, so memory
 * per message is bounded by the byte limit.
 */
public final class S3ObjectStore implements ObjectStore {

    private final S3AsyncClient s3;
    private final Guard guard;

    public S3ObjectStore(S3AsyncClient s3, Guard guard) {
        this.s3 = s3;
        this.guard = guard;
    }

    @Override
    public CompletableFuture<SourceObject> get(String bucket, String key, Optional<String> versionId, long maxBytes) {
        return guard.call("GetObject", () -> s3.getObject(r -> {
                    r.bucket(bucket).key(key);
                    versionId.ifPresent(r::versionId);
                }, AsyncResponseTransformer.toPublisher())
                .thenCompose(publisher -> read(publisher, maxBytes)))
                .exceptionallyCompose(e -> isAccessDenied(e) ? absentOr(bucket, key, e) : CompletableFuture.failedFuture(e));
    }

    /**
     * AWS answers a GetObject of a missing key with 403 unless the role may list the bucket. The
     * role may (the stack grants s3:ListBucket on the source), so a listing tells a missing image,
     * which is the image's fault, from a role that may not read, which is the deployment's.
     */
    private CompletableFuture<SourceObject> absentOr(String bucket, String key, Throwable denied) {
        return guard.call("ListObjectsV2", () -> s3.listObjectsV2(r -> r.bucket(bucket).prefix(key).maxKeys(1)))
                .handle((listing, e) -> {
                    if (e == null && listing.contents().stream().noneMatch(o -> o.key().equals(key))) {
                        throw new ObjectAbsentException(bucket, key);
                    }
                    throw denied instanceof java.util.concurrent.CompletionException c ? c : new java.util.concurrent.CompletionException(denied);
                });
    }

    private static boolean isAccessDenied(Throwable e) {
        return Faults.of(e) instanceof dev.ebb.worker.errorhandler.Fault.Service s && s.status() == 403;
    }

    @Override
    public CompletableFuture<Long> size(String bucket, String key, Optional<String> versionId) {
        return guard.call("HeadObject", () -> s3.headObject(r -> {
            r.bucket(bucket).key(key);
            versionId.ifPresent(r::versionId);
        })).thenApply(r -> r.contentLength() == null ? 0L : r.contentLength());
    }

    @Override
    public CompletableFuture<Void> delete(String bucket, String key) {
        return guard.call("DeleteObject", () -> s3.deleteObject(r -> r.bucket(bucket).key(key))).thenApply(r -> null);
    }

    @Override
    public CompletableFuture<Void> checkBucket(String bucket) {
        return guard.call("HeadBucket", () -> s3.headBucket(r -> r.bucket(bucket))).thenApply(r -> null);
    }

    private static CompletableFuture<SourceObject> read(ResponsePublisher<GetObjectResponse> publisher, long maxBytes) {
        GetObjectResponse response = publisher.response();
        long length = response.contentLength() == null ? -1 : response.contentLength();
        if (length < 0 || length > maxBytes || length > Integer.MAX_VALUE - 16) {
            publisher.subscribe(new Cancelling());
            return CompletableFuture.failedFuture(new ObjectTooLargeException(length, maxBytes));
        }
        byte[] bytes = new byte[(int) length];
        int[] position = {0};
        return publisher.subscribe(buffer -> {
            int n = buffer.remaining();
            if (position[0] + n > bytes.length) {
                throw new IllegalStateException("S3 sent more bytes than its Content-Length");
            }
            buffer.get(bytes, position[0], n);
            position[0] += n;
        }).thenApply(done -> {
            if (position[0] != bytes.length) {
                throw new IllegalStateException("S3 sent " + position[0] + " of " + bytes.length + " bytes");
            }
            return new SourceObject(bytes, unquote(response.eTag()), Optional.ofNullable(response.versionId()));
        });
    }

    @Override
    public CompletableFuture<Void> put(String bucket, String key, byte[] bytes, String contentType, Map<String, String> metadata) {
        return guard.call("PutObject", () -> s3.putObject(r -> r.bucket(bucket).key(key).contentType(contentType).metadata(metadata),
                AsyncRequestBody.fromBytes(bytes))).thenApply(r -> null);
    }

    @Override
    public CompletableFuture<Void> probe(String bucket) {
        return guard.once("HeadBucket", () -> s3.headBucket(r -> r.bucket(bucket))).thenApply(r -> null);
    }

    private static String unquote(String eTag) {
        return eTag == null ? "" : eTag.replace("\"", "");
    }

    private static final class Cancelling implements Subscriber<ByteBuffer> {
        @Override
        public void onSubscribe(Subscription s) {
            s.cancel();
        }

        @Override
        public void onNext(ByteBuffer b) {}

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onComplete() {}
    }
}
