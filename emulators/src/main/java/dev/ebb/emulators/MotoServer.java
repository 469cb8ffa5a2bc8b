package dev.ebb.emulators;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * moto in server mode on a free loopback port, installed by the tests themselves: a virtualenv
 * (default {@code ~/.cache/ebb/moto-venv}, property {@code ebb.moto.venv}) with a pinned
 * {@code moto[server]}, created with {@code python3 -m venv} ({@code EBB_PYTHON} overrides the
 * interpreter). One server per test JVM; {@link #reset()} between tests. Test support shared by the
 * controller's tests (ECS) and the worker's black-box suite (S3 and SQS); nothing else runs it.
 */
public final class MotoServer {

    public static final String REQUIREMENT = "moto[server]==5.2.5";
    private static MotoServer shared;

    private final Process process;
    private final URI endpoint;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private MotoServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static synchronized MotoServer shared() throws Exception {
        if (shared == null) {
            shared = start();
            MotoServer s = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> s.process.destroyForcibly()));
        }
        return shared;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Forgets every resource, and keeps ECS tasks where RunTask put them (RUNNING). */
    public void reset() throws Exception {
        post("/moto-api/reset", "");
        // By default moto advances a task one lifecycle step on every DescribeTasks; a controller
        // describes its tasks every cycle, so tasks would stop by themselves. Freeze them.
        post(
                "/moto-api/state-manager/set-transition",
                "{\"model_name\": \"ecs::task\", \"transition\": {\"progression\": \"manual\", \"times\": 1000000}}");
    }

    /** Calls an EC2 Query API action (the SDK's EC2 module is not worth its size for three calls). */
    public String ec2(String query) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(
                        "Authorization",
                        "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(query + "&Version=2016-11-15"))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("EC2 " + query + " → " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    public static String xmlValue(String xml, String element) {
        Matcher m =
                Pattern.compile("<" + element + ">([^<]+)</" + element + ">").matcher(xml);
        if (!m.find()) {
            throw new IllegalStateException("no <" + element + "> in " + xml);
        }
        return m.group(1);
    }

    private void post(String path, String body) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(endpoint.resolve(path))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(path + " → " + r.statusCode() + " " + r.body());
        }
    }

    static MotoServer start() throws Exception {
        Path venv = ensureInstalled();
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path log = Path.of("target", "moto-" + port + ".log");
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(
                        venv.resolve("bin/moto_server").toString(), "-H", "127.0.0.1", "-p", String.valueOf(port))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        MotoServer server = new MotoServer(p, URI.create("http://127.0.0.1:" + port));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                server.http.send(
                        HttpRequest.newBuilder(server.endpoint.resolve("/moto-api/data.json"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                return server;
            } catch (IOException notYet) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new IllegalStateException(
                            "moto_server did not start; see " + log.toAbsolutePath() + ":\n" + Files.readString(log));
                }
                Thread.sleep(100);
            }
        }
    }

    /** The virtualenv's python (it has boto3, which moto depends on). */
    public static Path venvPython() throws Exception {
        return ensureInstalled().resolve("bin/python");
    }

    /** Creates the virtualenv once per machine (see {@link PythonVenv}). */
    static Path ensureInstalled() throws Exception {
        return PythonVenv.ensure(PythonVenv.defaultLocation("moto-venv", "ebb.moto.venv"), List.of(REQUIREMENT))
                .dir();
    }
}
