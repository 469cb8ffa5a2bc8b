package dev.ebb.worker.aws;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.regions.Region;

/**
 * One AWS service's requests, signed with the SDK's SigV4 signer and the credentials chain, sent
 * over Vert.x's HTTP client on the worker's event loop: what {@link S3Transfers} and {@link
 * SqsHttp} share. A request here is a signed HTTP exchange, with no interceptor chain, no
 * reactive-streams adapters and no second event loop (docs/worker.md has what that saves).
 */
final class SignedHttp implements AutoCloseable {

    private static final long CONNECT_TIMEOUT_MS = 10_000;

    private final HttpClientAgent http;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final IdentityProvider<? extends AwsCredentialsIdentity> credentials;
    private final Region region;
    private final String signingName;
    private final boolean s3Rules;

    /**
     * @param signingName the service's SigV4 name ({@code s3}, {@code sqs})
     * @param s3Rules S3's signing rules: the path signed as sent, and the body's hash in {@code x-amz-content-sha256}
     */
    SignedHttp(
            Vertx vertx,
            int connections,
            long idleTimeoutMs,
            IdentityProvider<? extends AwsCredentialsIdentity> credentials,
            Region region,
            String signingName,
            boolean s3Rules) {
        this.http = vertx.createHttpClient(
                new HttpClientOptions()
                        .setKeepAlive(true)
                        .setConnectTimeout((int) CONNECT_TIMEOUT_MS)
                        .setIdleTimeout((int) idleTimeoutMs)
                        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS),
                new PoolOptions().setHttp1MaxSize(connections));
        this.credentials = credentials;
        this.region = region;
        this.signingName = signingName;
        this.s3Rules = s3Rules;
    }

    Region region() {
        return region;
    }

    /**
     * Signs and sends; the response's headers have arrived when the future completes, its body not
     * yet. {@code idleTimeoutMs}: how long the exchange may go without a byte (a long poll waits).
     */
    Future<HttpClientResponse> send(SdkHttpRequest unsigned, byte[] body, long idleTimeoutMs) {
        // on the caller's context (the worker's event loop), wherever the provider completes
        return Future.fromCompletionStage(credentials.resolveIdentity(), Vertx.currentContext())
                .compose(identity -> {
                    SignedRequest signed = signer.sign(r -> signing(r.identity(identity)
                            .request(unsigned)
                            .payload(body == null ? null : ContentStreamProvider.fromByteArrayUnsafe(body))));
                    SdkHttpRequest r = signed.request();
                    RequestOptions options = new RequestOptions()
                            .setMethod(HttpMethod.valueOf(r.method().name()))
                            .setSsl("https".equals(r.protocol()))
                            .setHost(r.host())
                            .setPort(r.port())
                            .setURI(r.encodedPath()
                                    + r.encodedQueryParameters()
                                            .map(q -> "?" + q)
                                            .orElse(""))
                            .setIdleTimeout(idleTimeoutMs);
                    // the signed headers, Host among them (the signer adds it, and signs it)
                    r.forEachHeader((name, values) -> values.forEach(v -> options.putHeader(name, v)));
                    return http.request(options)
                            .compose(req -> body == null ? req.send() : req.send(Buffer.buffer(body)));
                });
    }

    private <T extends AwsCredentialsIdentity> SignRequest.Builder<T> signing(SignRequest.Builder<T> r) {
        r.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id());
        if (s3Rules) {
            r.putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                    .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true);
        }
        return r;
    }

    /**
     * Runs {@code call} on {@code context} (the worker's event loop, which the HTTP client belongs
     * to) and hands its outcome back as a CompletableFuture, the currency of the ports.
     */
    static <T> CompletableFuture<T> onContext(Context context, Supplier<Future<T>> call) {
        Promise<T> result = Promise.promise();
        context.runOnContext(v -> {
            try {
                call.get().onComplete(result);
            } catch (RuntimeException e) {
                result.tryFail(e);
            }
        });
        return result.future().toCompletionStage().toCompletableFuture();
    }

    @Override
    public void close() {
        http.close();
    }
}
