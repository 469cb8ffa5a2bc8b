package dev.ebb.controller.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A tiny ECS JSON-protocol endpoint for what moto cannot do: ListTasks pagination, clientToken
 * reuse, RunTask {@code failures[]} and throttling. Each test scripts the answers; every request
 * is recorded by its X-Amz-Target action.
 */
public final class EcsStub implements AutoCloseable {

    public record Call(String action, JsonNode body) {}

    /** Status and JSON body to answer with. */
    public record Answer(int status, String json) {
        public static Answer ok(String json) {
            return new Answer(200, json);
        }

        /** What ECS itself (an emulator at {@code ecs}) answers to the call: the stub in front of it as a proxy. */
        public static Answer from(URI ecs, Call call) {
            try {
                HttpResponse<String> r = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(ecs)
                                        .header("Content-Type", "application/x-amz-json-1.1")
                                        .header("X-Amz-Target", "AmazonEC2ContainerServiceV20141113." + call.action())
                                        .header(
                                                "Authorization",
                                                "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/ecs/aws4_request, SignedHeaders=host, Signature=0")
                                        .POST(HttpRequest.BodyPublishers.ofString(
                                                call.body().toString()))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                return new Answer(r.statusCode(), r.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        public static Answer throttled() {
            return new Answer(400, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    public EcsStub(Function<Call, Answer> script) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> answer(exchange, script));
        // one thread per request: a script that holds one answer (a read timeout) must not hold the retry behind it
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "ecs-stub");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String action) {
        return calls.stream().filter(c -> c.action().equals(action)).toList();
    }

    private void answer(HttpExchange exchange, Function<Call, Answer> script) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String action = target == null ? "" : target.substring(target.indexOf('.') + 1);
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        Call call = new Call(action, body);
        calls.add(call);
        Answer answer = script.apply(call);
        byte[] bytes = answer.json().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
