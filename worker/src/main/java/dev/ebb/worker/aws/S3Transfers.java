package dev.ebb.worker.aws;

import dev.ebb.worker.config.WorkerConfig;
import dev.ebb.worker.port.ObjectStore;
import dev.ebb.worker.port.ObjectTooLargeException;
import dev.ebb.worker.port.SourceBody;
import io.netty.buffer.ByteBuf;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.internal.buffer.BufferInternal;
import java.lang.foreign.MemorySegment;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.endpoints.S3EndpointParams;
import software.amazon.awssdk.services.s3.endpoints.S3EndpointProvider;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * GetObject and PutObject, the two calls every image makes, over Vert.x's HTTP client on the
 * worker's own event loop; with them HeadBucket and DeleteObject, the start check's calls, so that
 * a start does not pay for the SDK client's first call. The rare calls (HeadObject for an event
 * without a size, the listing behind a 403) stay with the SDK's client, and this borrows
 * from the SDK what must be right rather than fast: the endpoint rules (virtual-hosted or path
 * style, per region), the credentials chain (the task role, refreshed) and the SigV4 signer.
 *
 * <p>Why not the SDK's async client for these two: profiled under the worker-vs-blueprint
 * benchmark (one core, 12 MP JPEGs), the SDK's request pipeline and its own Netty client cost about
 * 8 ms of CPU per image, half as much again as the JPEG decode that is the actual work; a request
 * here is a signed HTTP exchange with no interceptor chain, no reactive-streams adapters and no
 * second event loop. docs/worker.md has the figures.
 *
 * <p>A source body is read into native memory (see {@link SourceBody}) of exactly its
 * Content-Length, which the JPEG decoder reads in place: no heap array to zero, fill and copy
 * again, and no multi-megabyte arrays for the garbage collector to promote.
 *
 * <p>Errors surface as the SDK's own exceptions ({@link S3Exception} with the status and S3's
 * error code, {@link SdkClientException} for I/O), so {@link Faults} classifies them exactly as
 * it classifies the SDK client's.
 */
public final class S3Transfers implements AutoCloseable {

    private static final long IDLE_TIMEOUT_MS = 30_000;

    private final SignedHttp http;
    private final S3EndpointProvider endpoints = S3EndpointProvider.defaultProvider();
    private final Map<String, URI> bucketEndpoints = new ConcurrentHashMap<>();
    private final ServiceEndpoint where;
    private final boolean pathStyle;
    private final boolean verifyChecksums;

    /**
     * @param verifyChecksums ask S3 for the object's stored checksum and verify the body against it
     *     (off for S3-compatible stores, as the SDK client is configured: WHEN_REQUIRED)
     */
    public S3Transfers(
            Vertx vertx,
            int connections,
            IdentityProvider<? extends AwsCredentialsIdentity> credentials,
            Region region,
            ServiceEndpoint where,
            boolean pathStyle,
            boolean verifyChecksums) {
        this.http = new SignedHttp(vertx, connections, IDLE_TIMEOUT_MS, credentials, region, "s3", true);
        this.where = where;
        this.pathStyle = pathStyle;
        this.verifyChecksums = verifyChecksums;
    }

    /** With the worker's credentials chain and region, as every other call uses them. */
    public static S3Transfers create(Vertx vertx, AwsClients aws, WorkerConfig config) {
        return new S3Transfers(
                vertx,
                Math.max(64, config.capacity().concurrency() * 2),
                aws.credentials(),
                aws.region(),
                aws.s3Endpoint(),
                config.endpoints().s3PathStyle(),
                // as the SDK client is configured: S3-compatible stores get checksums only when required
                aws.s3Endpoint().override().isEmpty());
    }

    /** The whole object in native memory, or the failure S3 answered; refused past {@code maxBytes} before the body is read. */
    public CompletableFuture<ObjectStore.SourceObject> get(
            Context context, String bucket, String key, Optional<String> versionId, long maxBytes) {
        SdkHttpRequest.Builder request = request(SdkHttpMethod.GET, bucket, key);
        versionId.ifPresent(v -> request.putRawQueryParameter("versionId", v));
        if (verifyChecksums) {
            request.putHeader("x-amz-checksum-mode", "ENABLED");
        }
        return SignedHttp.onContext(
                context,
                () -> send(request, null).compose(response -> {
                    if (response.statusCode() != 200) {
                        return failure(response);
                    }
                    String lengthHeader = response.getHeader("Content-Length");
                    long length = lengthHeader == null ? -1 : Long.parseLong(lengthHeader);
                    if (length < 0 || length > maxBytes) {
                        response.request().connection().close();
                        return Future.failedFuture(new ObjectTooLargeException(length, maxBytes));
                    }
                    return readBody(response, length)
                            .map(body -> new ObjectStore.SourceObject(
                                    body,
                                    unquote(response.getHeader("ETag")),
                                    Optional.ofNullable(response.getHeader("x-amz-version-id"))));
                }));
    }

    public CompletableFuture<Void> put(
            Context context,
            String bucket,
            String key,
            byte[] bytes,
            String contentType,
            Map<String, String> metadata) {
        SdkHttpRequest.Builder request = request(SdkHttpMethod.PUT, bucket, key)
                .putHeader("Content-Type", contentType)
                .putHeader("Content-Length", Integer.toString(bytes.length))
                // S3 checks the body against it and refuses a damaged upload (400 BadDigest).
                .putHeader("Content-MD5", md5(bytes));
        metadata.forEach((k, v) -> request.putHeader("x-amz-meta-" + k, v));
        return SignedHttp.onContext(context, () -> send(request, bytes).compose(S3Transfers::emptyOrFailure));
    }

    /** HeadBucket: the bucket exists and this principal may see it. */
    public CompletableFuture<Void> headBucket(Context context, String bucket) {
        return SignedHttp.onContext(
                context,
                () -> send(request(SdkHttpMethod.HEAD, bucket, null), null).compose(S3Transfers::emptyOrFailure));
    }

    public CompletableFuture<Void> delete(Context context, String bucket, String key) {
        return SignedHttp.onContext(
                context,
                () -> send(request(SdkHttpMethod.DELETE, bucket, key), null).compose(S3Transfers::emptyOrFailure));
    }

    private static Future<Void> emptyOrFailure(HttpClientResponse response) {
        return response.statusCode() / 100 == 2 ? response.end() : failure(response);
    }

    /** {@code key} null: the bucket itself. */
    private SdkHttpRequest.Builder request(SdkHttpMethod method, String bucket, String key) {
        URI base = bucketEndpoints.computeIfAbsent(bucket, this::resolve);
        String basePath = base.getRawPath() == null || base.getRawPath().isEmpty() ? "" : stripSlash(base.getRawPath());
        String path = key == null
                ? (basePath.isEmpty() ? "/" : basePath)
                : basePath + "/" + SdkHttpUtils.urlEncodeIgnoreSlashes(key);
        return SdkHttpRequest.builder()
                .method(method)
                .protocol(base.getScheme())
                .host(base.getHost())
                .port(base.getPort())
                .encodedPath(path);
    }

    /** The SDK's own endpoint rules, once per bucket: the same URL the SDK client would call. */
    private URI resolve(String bucket) {
        S3EndpointParams.Builder params = S3EndpointParams.builder()
                .bucket(bucket)
                .region(http.region())
                .forcePathStyle(pathStyle)
                .useFips(where.fips())
                .useDualStack(where.dualStack());
        where.override().ifPresent(e -> params.endpoint(e.toString()));
        return endpoints.resolveEndpoint(params.build()).join().endpointUrl().toUri();
    }

    private Future<HttpClientResponse> send(SdkHttpRequest.Builder unsigned, byte[] body) {
        return http.send(unsigned.build(), body, IDLE_TIMEOUT_MS)
                .recover(e -> Future.failedFuture(
                        e instanceof S3Exception || e instanceof ObjectTooLargeException
                                ? e
                                : SdkClientException.create("S3 " + unsigned.method() + " failed: " + e, e)));
    }

    /** Streams the body into one native segment of exactly {@code length} bytes, then checks it is whole and intact. */
    private Future<SourceBody> readBody(HttpClientResponse response, long length) {
        SourceBody body = SourceBody.allocate(length);
        Promise<SourceBody> done = Promise.promise();
        Filling filling = new Filling(body);
        Checksums.Verifier verifier =
                verifyChecksums ? Checksums.verifier(response::getHeader) : Checksums.Verifier.NONE;
        response.handler(buffer -> {
            ByteBuf buf = ((BufferInternal) buffer).getByteBuf();
            int n = buf.readableBytes();
            if (filling.overflowsWith(n)) {
                response.request().reset();
                done.tryFail(SdkClientException.create("S3 sent more bytes than its Content-Length " + length));
                return;
            }
            for (ByteBuffer part : buf.nioBuffers()) {
                verifier.update(part.duplicate());
                filling.append(part);
            }
        });
        response.exceptionHandler(e -> done.tryFail(SdkClientException.create("S3 GetObject body: " + e, e)));
        response.endHandler(v -> {
            if (!filling.isWhole()) {
                done.tryFail(SdkClientException.create("S3 sent " + filling.filled() + " of " + length + " bytes"));
            } else {
                Optional<String> mismatch = verifier.mismatch();
                if (mismatch.isPresent()) {
                    done.tryFail(SdkClientException.create(
                            "the object's body does not match its stored checksum: " + mismatch.get()));
                } else {
                    done.tryComplete(body);
                }
            }
        });
        return done.future().onFailure(e -> body.close());
    }

    /** A body filled in the order its bytes arrive, on the event loop only. */
    private static final class Filling {
        private final SourceBody body;
        private long filled;

        Filling(SourceBody body) {
            this.body = body;
        }

        boolean overflowsWith(int bytes) {
            return filled + bytes > body.length();
        }

        void append(ByteBuffer part) {
            int size = part.remaining();
            MemorySegment.copy(MemorySegment.ofBuffer(part), 0, body.segment(), filled, size);
            filled += size;
        }

        boolean isWhole() {
            return filled == body.length();
        }

        long filled() {
            return filled;
        }
    }

    /** S3's error answer as the SDK would raise it: status, error code (none for HEAD), message. */
    private static <T> Future<T> failure(HttpClientResponse response) {
        return response.body().transform(ar -> {
            String xml = ar.succeeded() ? ar.result().toString(StandardCharsets.UTF_8) : "";
            String code = element(xml, "Code");
            String message = element(xml, "Message");
            return Future.failedFuture(S3Exception.builder()
                    .statusCode(response.statusCode())
                    .requestId(response.getHeader("x-amz-request-id"))
                    .message(message == null ? "HTTP " + response.statusCode() : message)
                    .awsErrorDetails(AwsErrorDetails.builder()
                            .serviceName("S3")
                            .errorCode(code)
                            .errorMessage(message == null ? "HTTP " + response.statusCode() : message)
                            .build())
                    .build());
        });
    }

    /** One element of S3's small error document; no XML parser needed for {@code <Error><Code>…</Code>}. */
    static String element(String xml, String name) {
        int start = xml.indexOf("<" + name + ">");
        int end = xml.indexOf("</" + name + ">");
        if (start < 0 || end < start) {
            return null;
        }
        return xml.substring(start + name.length() + 2, end)
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&");
    }

    private static String stripSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String md5(byte[] bytes) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    private static String unquote(String eTag) {
        return eTag == null ? "" : eTag.replace("\"", "");
    }

    @Override
    public void close() {
        http.close();
    }
}
