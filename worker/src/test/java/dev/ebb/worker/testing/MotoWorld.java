package dev.ebb.worker.testing;

import dev.ebb.emulators.MotoServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One black-box test's world on moto server (S3 and SQS; installed from PyPI by the tests
 * themselves): fresh queues and buckets, and a worker started as its own JVM on them. moto is
 * independent of ElasticMQ and S3Proxy, so these tests catch what those happen to forgive.
 */
public final class MotoWorld {

    public final MotoServer moto;
    public final Aws aws;
    public final String name;
    public final Aws.Queues queues;
    public final String source;
    public final String dest;

    public MotoWorld(String label, int visibilitySeconds, int maxReceiveCount) throws Exception {
        this.moto = MotoServer.shared();
        this.aws = new Aws(moto.endpoint(), moto.endpoint());
        this.name = label + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.queues = aws.queues(name, visibilitySeconds, maxReceiveCount);
        this.source = name + "-src";
        this.dest = name + "-out";
        aws.bucket(source);
        aws.bucket(dest);
    }

    /** A worker's environment on this world (fast timings, as {@link Harness#env}), S3 through {@code s3} (moto or a proxy in front of it). */
    public Map<String, String> env(URI s3) {
        return Harness.workerEnv(queues.url(), dest, moto.endpoint(), s3);
    }

    public Map<String, String> env() {
        return env(moto.endpoint());
    }

    /** Puts {@code n} small JPEGs under {@code folder/} in {@code bucket} and sends one event each. */
    public List<String> upload(String bucket, int n, String folder) {
        return aws.uploadImages(queues.url(), bucket, n, folder);
    }

    /** A worker process on this world; its stdout and stderr go to files in {@code dir}. */
    public Worker start(Map<String, String> env, Path dir, String label, List<String> jvmFlags) throws Exception {
        Path out = dir.resolve(label + ".out.jsonl");
        Path err = dir.resolve(label + ".err.txt");
        return new Worker(Harness.startProcess(env, out, err, jvmFlags), out, err);
    }

    public Worker start(Map<String, String> env, Path dir, String label) throws Exception {
        return start(env, dir, label, Harness.TEST_JVM_FLAGS);
    }

    /** A worker in its own JVM: what it wrote, and how it ended. */
    public record Worker(Process process, Path stdout, Path stderr) {
        public int awaitExit() throws Exception {
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the worker did not exit within 180 s; stderr:\n" + stderrText());
            }
            return process.exitValue();
        }

        public List<io.vertx.core.json.JsonObject> lines() throws Exception {
            return Files.exists(stdout) ? Harness.linesOf(stdout) : List.of();
        }

        /** stdout, line by line as written: every line must be a JSON object. */
        public List<String> rawStdout() throws Exception {
            return Files.exists(stdout) ? Files.readAllLines(stdout) : List.of();
        }

        public String stderrText() throws Exception {
            return Files.exists(stderr) ? Files.readString(stderr) : "";
        }

        /** The JSON diagnostics the worker wrote on stderr. */
        public List<io.vertx.core.json.JsonObject> diagnostics() throws Exception {
            return stderrText()
                    .lines()
                    .filter(l -> l.startsWith("{"))
                    .map(io.vertx.core.json.JsonObject::new)
                    .toList();
        }
    }

    /** Messages on a queue with their attributes (read, and left to come back after 30 s). */
    public Map<String, String> reasonsOnDeadLetterQueue() {
        Map<String, String> reasons = new HashMap<>();
        for (var m : aws.peekAll(queues.dlqUrl())) {
            reasons.put(
                    m.body(),
                    m.messageAttributes().containsKey("ebb-reason")
                            ? m.messageAttributes().get("ebb-reason").stringValue()
                            : null);
        }
        return reasons;
    }
}
