package dev.ebb.worker.testing;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * An HTTP reverse proxy on loopback in front of an emulator that injects faults on the wire:
 * error statuses, delays, and dropped connections. The worker under test talks to it exactly as
 * it would to AWS; nothing in the worker is mocked.
 */
public final class FaultProxy implements AutoCloseable {

    /** What the proxy saw: {@code operation} is the SQS action (X-Amz-Target) or S3 method + path. */
    public record Request(String method, String path, String operation) {}

    public sealed interface Action {}

    public record Pass() implements Action {}

    public record Fail(int status, String contentType, String body) implements Action {}

    public record Delay(long millis) implements Action {}

    public record Drop() implements Action {}

    public static final Action PASS = new Pass();

    public static Action s3SlowDown() {
        return new Fail(
                503,
                "application/xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>");
    }

    public static Action sqsInternalError() {
        return new Fail(500, "application/x-amz-json-1.0", "{\"__type\":\"InternalError\",\"message\":\"injected\"}");
    }

    private final Vertx vertx;
    private final HttpClient client;
    private final HttpServer server;
    private final URI target;
    private final List<Request> seen = new ArrayList<>();
    private volatile Function<Request, Action> policy = r -> PASS;

    private FaultProxy(Vertx vertx, HttpClient client, HttpServer server, URI target) {
        this.vertx = vertx;
        this.client = client;
        this.server = server;
        this.target = target;
    }

    public static FaultProxy start(URI target) {
        Vertx vertx = Vertx.vertx();
        HttpClient client = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(100));
        FaultProxy[] self = new FaultProxy[1];
        try {
            HttpServer server = vertx.createHttpServer()
                    .requestHandler(req -> self[0].handle(req))
                    .listen(0, "127.0.0.1")
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            self[0] = new FaultProxy(vertx, client, server, target);
            return self[0];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.actualPort());
    }

    /** Decides per request; replaces the previous policy. */
    public void policy(Function<Request, Action> p) {
        this.policy = p;
    }

    public void pass() {
        policy(r -> PASS);
    }

    public int count(Predicate<Request> which) {
        synchronized (seen) {
            return (int) seen.stream().filter(which).count();
        }
    }

    public static Predicate<Request> op(String operation) {
        return r -> r.operation().equals(operation);
    }

    private void handle(HttpServerRequest req) {
        req.pause();
        String amzTarget = req.getHeader("X-Amz-Target");
        String operation = amzTarget != null
                ? amzTarget.substring(amzTarget.indexOf('.') + 1)
                : req.method().name() + " " + req.path();
        Request r = new Request(req.method().name(), req.path(), operation);
        synchronized (seen) {
            seen.add(r);
        }
        Action action = policy.apply(r);
        switch (action) {
            case Pass p -> forward(req);
            case Delay d -> vertx.setTimer(Math.max(1, d.millis()), t -> forward(req));
            case Drop d -> req.connection().close();
            case Fail f -> {
                req.resume();
                req.end()
                        .onComplete(x -> req.response()
                                .setStatusCode(f.status())
                                .putHeader("content-type", f.contentType())
                                .end(f.body()));
            }
        }
    }

    private void forward(HttpServerRequest req) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(req.headers());
        headers.remove("connection").remove("keep-alive");
        RequestOptions options = new RequestOptions()
                .setMethod(req.method())
                .setHost(target.getHost())
                .setPort(target.getPort())
                .setURI(req.uri())
                .setHeaders(headers);
        client.request(options)
                .compose(out -> out.send(req))
                .onSuccess(in -> {
                    var resp = req.response().setStatusCode(in.statusCode()).setStatusMessage(in.statusMessage());
                    resp.headers().addAll(in.headers()).remove("connection").remove("keep-alive");
                    resp.send(in);
                })
                .onFailure(e -> {
                    if (!req.response().ended()) {
                        req.response().setStatusCode(502).end();
                    }
                });
    }

    @Override
    public void close() {
        vertx.close();
    }
}
