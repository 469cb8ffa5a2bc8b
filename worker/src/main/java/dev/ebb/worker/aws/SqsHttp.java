package dev.ebb.worker.aws;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.endpoints.SqsEndpointParams;
import software.amazon.awssdk.services.sqs.endpoints.SqsEndpointProvider;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * SQS's JSON protocol (the one the SDK speaks since 2.21) over {@link SignedHttp}: a call is a
 * signed POST of a JSON document naming its action in {@code X-Amz-Target}, and its answer a JSON
 * document. The worker's six SQS calls go here, so a worker never builds the SDK's SQS client, its
 * Netty event loops and its request pipeline: on a 1-vCPU task that was most of a second of CPU
 * before the first image (docs/worker.md). The endpoint comes from the SDK's own rules.
 *
 * <p>Errors surface as the SDK's {@link SqsException} with the status and the error code the SDK
 * would report (the query-compatible code of {@code x-amzn-query-error} when SQS sends one, as the
 * SDK does), and I/O failures as {@link SdkClientException}, so {@link Faults} classifies them as
 * it classified the SDK client's.
 */
public final class SqsHttp implements AutoCloseable {

    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";

    private final SignedHttp http;
    private final URI endpoint;
    /** The endpoint's path; an endpoint without one (the usual case) is posted to at its root. */
    private final String path;

    private final long idleTimeoutMs;

    /**
     * @param where an override (an emulator, a VPC endpoint), FIPS, dual-stack; else the region's SQS endpoint
     * @param idleTimeoutMs longer than the longest long poll: a ReceiveMessage is silent that long
     */
    public SqsHttp(
            Vertx vertx,
            int connections,
            long idleTimeoutMs,
            IdentityProvider<? extends AwsCredentialsIdentity> credentials,
            Region region,
            ServiceEndpoint where) {
        this.http = new SignedHttp(vertx, connections, idleTimeoutMs, credentials, region, "sqs", false);
        this.idleTimeoutMs = idleTimeoutMs;
        SqsEndpointParams.Builder params =
                SqsEndpointParams.builder().region(region).useFips(where.fips()).useDualStack(where.dualStack());
        where.override().ifPresent(e -> params.endpoint(e.toString()));
        this.endpoint = SqsEndpointProvider.defaultProvider()
                .resolveEndpoint(params.build())
                .join()
                .endpointUrl()
                .toUri();
        this.path = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath();
    }

    /** Calls {@code action} (e.g. {@code ReceiveMessage}) with {@code input}, on {@code context}. */
    public CompletableFuture<JsonObject> call(Context context, String action, JsonObject input) {
        byte[] body = input.encode().getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .protocol(endpoint.getScheme())
                .host(endpoint.getHost())
                .port(endpoint.getPort())
                .encodedPath(path)
                .putHeader("Content-Type", CONTENT_TYPE)
                .putHeader("X-Amz-Target", "AmazonSQS." + action)
                // asks SQS for the query protocol's error codes, which the SDK reports and Faults knows
                .putHeader("x-amzn-query-mode", "true")
                .putHeader("Content-Length", Integer.toString(body.length))
                .build();
        return SignedHttp.onContext(
                context,
                () -> http.send(request, body, idleTimeoutMs)
                        .compose(response ->
                                response.body().compose(answer -> answer(action, response, answer.getBytes())))
                        .recover(e -> Future.failedFuture(
                                e instanceof SqsException || e instanceof SdkClientException
                                        ? e
                                        : SdkClientException.create("SQS " + action + " failed: " + e, e))));
    }

    private static Future<JsonObject> answer(String action, HttpClientResponse response, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (response.statusCode() == 200) {
            try {
                return Future.succeededFuture(text.isBlank() ? new JsonObject() : new JsonObject(text));
            } catch (DecodeException e) {
                return Future.failedFuture(
                        SdkClientException.create("SQS " + action + " answered something that is not JSON: " + e, e));
            }
        }
        return Future.failedFuture(error(
                action,
                response.statusCode(),
                response.getHeader("x-amzn-query-error"),
                text,
                response.getHeader("x-amzn-RequestId")));
    }

    /**
     * SQS's error answer as the SDK raises it. The code: the query-compatible one when SQS sends
     * {@code x-amzn-query-error: AWS.SimpleQueueService.NonExistentQueue;Sender}, else the JSON
     * {@code __type} without its namespace ({@code com.amazonaws.sqs#QueueDoesNotExist}).
     */
    static SqsException error(String action, int status, String queryError, String body, String requestId) {
        JsonObject json = parseQuietly(body);
        String type = json.getString("__type", json.getString("code"));
        String code = queryError != null && !queryError.isBlank()
                ? queryError.split(";", 2)[0]
                : type == null ? null : type.substring(type.lastIndexOf('#') + 1);
        String message = json.getString("message", json.getString("Message"));
        String detail = message == null ? "HTTP " + status + " from SQS " + action : message;
        return (SqsException) SqsException.builder()
                .statusCode(status)
                .requestId(requestId)
                .message(detail)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .serviceName("Sqs")
                        .errorCode(code)
                        .errorMessage(detail)
                        .build())
                .build();
    }

    private static JsonObject parseQuietly(String body) {
        try {
            return body == null || body.isBlank() ? new JsonObject() : new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            return new JsonObject();
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
