package dev.ebb.worker.testing;

import dev.ebb.worker.WorkerRuntime;
import dev.ebb.worker.config.ConfigReader;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One test's world: fresh queues and buckets on the shared emulators, and ways to run workers on them. */
public final class Harness {

    /** A test worker's JVM: small and quick to start, with the container's OOM behaviour. */
    public static final List<String> TEST_JVM_FLAGS = List.of(
            "--enable-native-access=ALL-UNNAMED",
            "-XX:+UseSerialGC",
            "-Xmx256m",
            "-XX:+ExitOnOutOfMemoryError",
            "-XX:+DisplayVMOutputToStderr");

    public final Emulators emulators = Emulators.shared();
    public final Aws aws = new Aws(emulators);
    public final String name;
    public final Aws.Queues queues;
    public final String source;
    public final String dest;

    public Harness(String label, int visibilitySeconds, int maxReceiveCount) {
        this.name = label + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.queues = aws.queues(name, visibilitySeconds, maxReceiveCount);
        this.source = name + "-src";
        this.dest = name + "-out";
        aws.bucket(source);
        aws.bucket(dest);
    }

    /** Environment of a worker on this world; fast timings so a test takes seconds. */
    public Map<String, String> env(URI sqs, URI s3) {
        return workerEnv(queues.url(), dest, sqs, s3);
    }

    /** A worker's environment on any world (these emulators or moto): fast timings so a test takes seconds. */
    public static Map<String, String> workerEnv(String queueUrl, String dest, URI sqs, URI s3) {
        Map<String, String> env = new HashMap<>();
        env.put("EBB_QUEUE_URL", queueUrl);
        env.put("EBB_DEST_BUCKET", dest);
        env.put("EBB_SQS_ENDPOINT", sqs.toString());
        env.put("EBB_S3_ENDPOINT", s3.toString());
        env.put("AWS_REGION", "us-east-1");
        env.put("EBB_SIZES", "64x64,32x48");
        env.put("EBB_WAIT_TIME_SECONDS", "1");
        env.put("EBB_IDLE_SECONDS", "2");
        env.put("EBB_IDLE_EMPTY_POLLS", "2");
        env.put("EBB_METRICS_PORT", "0");
        env.put("EBB_RETRY_WAIT_MS", "50");
        env.put("EBB_BACKOFF_BASE_SECONDS", "1");
        env.put("EBB_BACKOFF_MAX_SECONDS", "2");
        env.put("EBB_DELETE_FLUSH_MS", "50");
        env.put("EBB_GRACE_SECONDS", "5");
        return env;
    }

    public Map<String, String> env() {
        return env(emulators.sqs, emulators.s3);
    }

    /** Puts {@code n} small JPEGs under {@code folder/} and sends one event per object. */
    public List<String> upload(int n, String folder) {
        return aws.uploadImages(queues.url(), source, n, folder);
    }

    /** {@code label} prefixes the worker's lines echoed on the test's stdout; null keeps them quiet. */
    public Running startInProcess(Map<String, String> env, String label) throws Exception {
        Lines lines = new Lines(label);
        WorkerRuntime runtime = WorkerRuntime.start(ConfigReader.read(env), lines.printStream());
        return new Running(runtime, lines);
    }

    /** A worker running inside the test JVM. */
    public record Running(WorkerRuntime runtime, Lines lines) implements AutoCloseable {
        public int awaitExit() throws Exception {
            return runtime.exit().get(120, java.util.concurrent.TimeUnit.SECONDS);
        }

        public String scrape() throws Exception {
            return Harness.scrape(URI.create("http://127.0.0.1:" + runtime.metricsPort() + "/metrics"));
        }

        /** The value of a Prometheus sample line starting with {@code prefix}, summed over matching lines. */
        public double metric(String prefix) throws Exception {
            return Harness.metric(scrape(), prefix);
        }

        @Override
        public void close() {
            runtime.close();
        }
    }

    /** The Prometheus text a worker serves at {@code metrics}. */
    public static String scrape(URI metrics) throws Exception {
        var client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .build();
        return client.send(
                        java.net.http.HttpRequest.newBuilder(metrics)
                                .timeout(java.time.Duration.ofSeconds(10))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** The sample lines of {@code text} starting with {@code prefix}, summed. */
    public static double metric(String text, String prefix) {
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(prefix)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** A worker in its own JVM, so that SIGTERM and SIGKILL are real. */
    public static Process startProcess(Map<String, String> env, Path stdout) throws Exception {
        return startProcess(env, stdout, TEST_JVM_FLAGS);
    }

    /** The same with these JVM flags. */
    public static Process startProcess(Map<String, String> env, Path stdout, List<String> jvmFlags) throws Exception {
        return startProcess(env, stdout, null, jvmFlags);
    }

    /** The same with stderr to a file ({@code null}: the test's own stderr). */
    public static Process startProcess(Map<String, String> env, Path stdout, Path stderr, List<String> jvmFlags)
            throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.ebb.worker.WorkerMain"));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        pb.environment().put("AWS_ACCESS_KEY_ID", "test");
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        pb.redirectOutput(stdout.toFile());
        pb.redirectError(
                stderr == null ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.to(stderr.toFile()));
        return pb.start();
    }

    /**
     * The JVM flags of the Dockerfile's ENTRYPOINT (exec form: "java", flags…, "-jar", jar), so tests run the worker as the container does;
     * without its {@code -XX:AOTCache}, which exists only in the image and fits only the image's jars.
     */
    public static List<String> containerJvmFlags() throws java.io.IOException {
        String entrypoint = java.nio.file.Files.readAllLines(Path.of("..", "Dockerfile")).stream()
                .filter(l -> l.startsWith("ENTRYPOINT ["))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException("no ENTRYPOINT in ../Dockerfile"));
        List<String> argv = new io.vertx.core.json.JsonArray(entrypoint.substring("ENTRYPOINT ".length()))
                .stream().map(Object::toString).toList();
        return argv.subList(1, argv.indexOf("-jar")).stream()
                .filter(f -> !f.startsWith("-XX:AOTCache="))
                .toList();
    }

    /** The JSON lines a worker process has written so far. */
    public static List<io.vertx.core.json.JsonObject> linesOf(Path stdout) throws java.io.IOException {
        return Lines.parse(java.nio.file.Files.readAllLines(stdout));
    }

    public static long count(List<io.vertx.core.json.JsonObject> lines, String outcome) {
        return lines.stream()
                .filter(j -> "message".equals(j.getString("event")) && outcome.equals(j.getString("outcome")))
                .count();
    }

    /**
     * The outage tests' settings: a breaker that opens after 4 failed calls of 10 and probes every
     * second, a worker that leaves 4 s after the queue went quiet, and more permits (40) than
     * messages, so that only the open breaker can be what stops the receives.
     */
    public static Map<String, String> withOutageSettings(Map<String, String> env) {
        return with(
                env,
                "EBB_BREAKER_WINDOW",
                "10",
                "EBB_BREAKER_MIN_CALLS",
                "4",
                "EBB_BREAKER_OPEN_SECONDS",
                "1",
                "EBB_IDLE_SECONDS",
                "4",
                "EBB_CONCURRENCY",
                "40");
    }

    public static Map<String, String> with(Map<String, String> env, String... kv) {
        Map<String, String> copy = new HashMap<>(env);
        for (int i = 0; i < kv.length; i += 2) {
            copy.put(kv[i], kv[i + 1]);
        }
        return copy;
    }
}
