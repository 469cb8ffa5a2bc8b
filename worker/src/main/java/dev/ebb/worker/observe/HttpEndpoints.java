package dev.ebb.worker.observe;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import java.util.function.Supplier;

/** {@code GET /metrics} (Prometheus text) and {@code GET /health} (JSON; 503 while stopping). */
public final class HttpEndpoints {

    private HttpEndpoints() {}

    public static Future<HttpServer> start(
            Vertx vertx, int port, PrometheusMeterRegistry registry, Supplier<JsonObject> health) {
        // plain HTTP/1.1: scrapers and health checks do not need h2c upgrades
        return vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
                .requestHandler(req -> {
                    switch (req.path()) {
                        case "/metrics" ->
                            req.response()
                                    .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                                    .end(registry.scrape());
                        case "/health" -> {
                            JsonObject h = health.get();
                            req.response()
                                    .setStatusCode("UP".equals(h.getString("status")) ? 200 : 503)
                                    .putHeader("content-type", "application/json")
                                    .end(h.encode());
                        }
                        default -> req.response().setStatusCode(404).end("try /metrics or /health\n");
                    }
                })
                .listen(port, "0.0.0.0");
    }
}
