package dev.ebb.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebb.worker.observe.HttpEndpoints;
import dev.ebb.worker.testing.TestContext;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The worker's threading rule: its state is read on its context, and the HTTP server's handlers run there. */
class ContextOwnedTest {

    private static final TestContext LOOP = new TestContext();
    private final ContextOwned owned = new ContextOwned(LOOP.context());

    @AfterAll
    static void close() throws Exception {
        LOOP.close();
    }

    @Test
    void aReadOnTheOwnerContextIsMade() {
        assertThat(LOOP.call(() -> owned.read("the count", () -> 7))).isEqualTo(7);
    }

    @Test
    void aReadFromAnotherThreadFails() {
        assertThatThrownBy(() -> owned.read("the count", () -> 7))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the count is read on the worker's context only");
    }

    /** Same event loop, same thread, but not the worker's context: still refused, the rule names the context. */
    @Test
    void aReadFromAnotherContextOnTheSameEventLoopFails() throws Exception {
        Context other = LOOP.vertx().getOrCreateContext();
        assertThat(other).isNotSameAs(LOOP.context());
        CompletableFuture<Integer> read = new CompletableFuture<>();
        other.runOnContext(v -> {
            try {
                read.complete(owned.read("the count", () -> 7));
            } catch (RuntimeException e) {
                read.completeExceptionally(e);
            }
        });
        assertThatThrownBy(() -> read.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
    }

    /** What WorkerRuntime relies on: a server that listens from the worker's context serves /health on it. */
    @Test
    void theHttpServerListeningFromTheOwnerContextReadsOnIt() throws Exception {
        Promise<HttpServer> listening = Promise.promise();
        LOOP.run(() -> HttpEndpoints.start(
                        LOOP.vertx(),
                        0,
                        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                        () -> owned.read("/health", () -> new JsonObject().put("status", "UP")))
                .onComplete(listening));
        HttpServer server =
                listening.future().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> health = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/health"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(new JsonObject(health.body()).getString("status")).isEqualTo("UP");
        } finally {
            server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
    }
}
