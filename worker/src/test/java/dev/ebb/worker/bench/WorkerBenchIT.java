package dev.ebb.worker.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ebb.image.ImageEngine;
import dev.ebb.image.Limits;
import dev.ebb.image.Outcome;
import dev.ebb.image.naming.OutputKeys;
import dev.ebb.image.spec.OutputFormat;
import dev.ebb.image.spec.OutputSpec;
import dev.ebb.image.spec.ResizeMode;
import dev.ebb.image.spec.Rgb;
import dev.ebb.worker.testing.Events;
import dev.ebb.worker.testing.Harness;
import dev.ebb.worker.testing.Images;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end throughput of the worker against the emulators, as a ratio to the engine run over the
 * same files on local disk with one thread per CPU (what {@code ebb resize} does), in the same JVM
 * and run; and SQS requests per message. Off by default (it measures, it does not test):
 * {@code mvn -pl worker -am verify -Dit.test=WorkerBenchIT -Debb.bench=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class WorkerBenchIT {

    @Test
    void endToEndThroughputAgainstTheEmulators(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("ebb.bench"), "set -Debb.bench=true to run the worker benchmark");
        int n = Integer.getInteger("ebb.bench.images", 300);
        int cpus = Runtime.getRuntime().availableProcessors();
        List<OutputSpec> specs = OutputSpec.parseSizes("224x224,299x299", ResizeMode.FIT, OutputFormat.JPEG, 85, Rgb.BLACK);

        List<String> keys = new ArrayList<>();
        List<byte[]> sources = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int w = i % 10 == 0 ? 3000 : 1200 + (i % 5) * 100;
            keys.add(String.format("bench/%d/photo-%04d.jpg", i % 4, i));
            sources.add(Images.photo(w, w * 3 / 4, i));
        }
        long totalBytes = sources.stream().mapToLong(b -> b.length).sum();

        // Baseline: files on disk through the engine on one thread per CPU, outputs written to disk.
        Path in = dir.resolve("in");
        Path out = dir.resolve("out");
        for (int i = 0; i < n; i++) {
            Path f = in.resolve(keys.get(i));
            Files.createDirectories(f.getParent());
            Files.write(f, sources.get(i));
        }
        ImageEngine engine = ImageEngine.create(Limits.DEFAULT);
        resizeFolder(engine, in, out, keys.subList(0, Math.min(30, n)), specs, cpus); // JIT warm-up
        long t0 = System.nanoTime();
        resizeFolder(engine, in, out, keys, specs, cpus);
        double baseline = n / ((System.nanoTime() - t0) / 1e9);

        // The worker: objects in S3Proxy, one event per object in ElasticMQ.
        Harness h = new Harness("bench", 30, 5);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            h.aws.put(h.source, keys.get(i), sources.get(i));
            bodies.add(Events.created(h.source, keys.get(i), sources.get(i).length));
        }
        h.aws.send(h.queues.url(), bodies);
        var env = Harness.with(h.env(), "EBB_SIZES", "224x224,299x299", "EBB_IDLE_SECONDS", "2");
        env.remove("EBB_WAIT_TIME_SECONDS"); // 20 s long polls, as in production
        env.put("EBB_DELETE_FLUSH_MS", "200");
        if (System.getProperty("ebb.bench.concurrency") != null) {
            env.put("EBB_CONCURRENCY", System.getProperty("ebb.bench.concurrency"));
        }
        Map<String, Long> cpuBefore = cpuByThreadGroup();
        long t1 = System.nanoTime();
        double sqsDuringRun;
        Map<String, Long> cpu;
        double worker;
        double workerSteady;
        try (Harness.Running w = h.startInProcess(env, null)) {
            long started = System.nanoTime();
            var succeeded = w.runtime().registry().counter("ebb.worker.messages", "outcome", "succeeded", "reason", "");
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(20)).until(() -> succeeded.count() == n);
            long end = System.nanoTime();
            worker = n / ((end - t1) / 1e9);
            workerSteady = n / ((end - started) / 1e9);
            cpu = cpuByThreadGroup();
            cpu.replaceAll((k, v) -> v - cpuBefore.getOrDefault(k, 0L));
            // every request attempt, ok or not (labels are sorted in Prometheus text: operation, outcome, service)
            sqsDuringRun = w.metric("ebb_worker_aws_call_seconds_count{operation=\"DeleteMessageBatch\"")
                    + w.metric("ebb_worker_aws_call_seconds_count{operation=\"ReceiveMessage\"")
                    + w.metric("ebb_worker_aws_call_seconds_count{operation=\"ChangeMessageVisibilityBatch\"");
            w.awaitExit();
        }
        String report = String.format(Locale.ROOT,
                "worker bench: %d images (%.1f MB, 1200..3000 px wide), 2 outputs each, %d CPUs, load average %.1f%n"
                        + "  engine over local files (ebb resize): %.1f img/s%n"
                        + "  worker end to end (S3Proxy + ElasticMQ), including its start: %.1f img/s = %.2f x ebb resize%n"
                        + "  worker once started: %.1f img/s = %.2f x ebb resize%n"
                        + "  SQS requests per message while draining (receive + delete + visibility): %.3f%n",
                n, totalBytes / 1e6, cpus, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), baseline, worker, worker / baseline, workerSteady, workerSteady / baseline, sqsDuringRun / n);
        report += "  CPU seconds by thread group while draining: " + cpu.entrySet().stream()
                .filter(e -> e.getValue() > 50_000_000L).sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue() / 1e9)).collect(Collectors.joining(", ")) + "\n";
        System.out.print(report);
        Files.writeString(Path.of("target", "worker-bench.txt"), report);
        assertThat(h.aws.keys(h.dest)).hasSize(2 * n);
    }

    /** Thread CPU time summed by name with digits removed, e.g. {@code ebb-render-} or {@code qtp-} (S3Proxy's Jetty). */
    private static Map<String, Long> cpuByThreadGroup() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<String, Long> byGroup = new TreeMap<>();
        for (long id : mx.getAllThreadIds()) {
            ThreadInfo info = mx.getThreadInfo(id);
            long cpu = mx.getThreadCpuTime(id);
            if (info != null && cpu > 0) {
                byGroup.merge(info.getThreadName().replaceAll("[0-9]+", "#"), cpu, Long::sum);
            }
        }
        return byGroup;
    }

    private static void resizeFolder(ImageEngine engine, Path in, Path out, List<String> keys, List<OutputSpec> specs, int threads)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (String key : keys) {
                jobs.add(pool.submit(() -> {
                    byte[] bytes = Files.readAllBytes(in.resolve(key));
                    if (engine.render(bytes, specs) instanceof Outcome.Rendered r) {
                        for (var o : r.outputs()) {
                            Path f = out.resolve(OutputKeys.of("", key, o.spec()));
                            Files.createDirectories(f.getParent());
                            Files.write(f, o.bytes());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> j : jobs) {
                j.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
