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
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
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
        int n = Integer.getInteger("ebb.bench.images", 1000);
        // The first messages warm the JIT: C2 compiles the SDK's request pipeline, Netty and Vert.x
        // for about 20 s of the worker's life (1,600 methods), at up to a third of a core. The steady
        // rate is measured over the n that follow, as the baseline is measured after its warm-up.
        int warm = Integer.getInteger("ebb.bench.warmup", n);
        int total = warm + n;
        int cpus = Runtime.getRuntime().availableProcessors();
        List<OutputSpec> specs =
                OutputSpec.parseSizes("224x224,299x299", ResizeMode.FIT, OutputFormat.JPEG, 85, Rgb.BLACK);

        List<String> keys = new ArrayList<>();
        List<byte[]> sources = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            int w = i % 10 == 0 ? 3000 : 1200 + (i % 5) * 100;
            keys.add(String.format("bench/%d/photo-%04d.jpg", i % 4, i));
            sources.add(Images.photo(w, w * 3 / 4, i));
        }
        List<String> measured = keys.subList(warm, total);
        long totalBytes =
                sources.subList(warm, total).stream().mapToLong(b -> b.length).sum();

        // Baseline: files on disk through the engine on one thread per CPU, outputs written to disk.
        Path in = dir.resolve("in");
        Path out = dir.resolve("out");
        for (int i = 0; i < total; i++) {
            Path f = in.resolve(keys.get(i));
            Files.createDirectories(f.getParent());
            Files.write(f, sources.get(i));
        }
        ImageEngine engine = ImageEngine.create(Limits.DEFAULT);
        ExecutorService pool = Executors.newFixedThreadPool(cpus, r -> new Thread(r, "ebb-resize"));
        resizeFolder(pool, engine, in, out, keys.subList(0, warm), specs); // JIT warm-up
        Map<String, Long> baselineBefore =
                cpuByThreadGroup(ProcessHandle.current().pid());
        long t0 = System.nanoTime();
        resizeFolder(pool, engine, in, out, measured, specs);
        double baseline = n / ((System.nanoTime() - t0) / 1e9);
        Map<String, Long> baselineCpu = cpuByThreadGroup(ProcessHandle.current().pid());
        baselineCpu.replaceAll((k, v) -> v - baselineBefore.getOrDefault(k, 0L));
        pool.shutdown();
        double baselineCpuMs = baselineCpu.entrySet().stream()
                        .filter(e -> e.getKey().equals("ebb-resize"))
                        .mapToLong(Map.Entry::getValue)
                        .sum()
                / 1e6
                / n;

        // The worker: objects in S3Proxy, one event per object in ElasticMQ, the worker in a JVM of
        // its own with the container's flags (as on Fargate: its JIT, GC and threads are its own;
        // the emulators stay in this JVM, standing in for AWS).
        Harness h = new Harness("bench", 30, 5);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < total; i++) {
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
        List<String> jvmFlags = System.getProperty("ebb.bench.jvm") != null
                ? List.of(System.getProperty("ebb.bench.jvm").trim().split("\\s+"))
                : containerJvmFlags();
        Path stdout = dir.resolve("worker.jsonl");
        long t1 = System.nanoTime();
        Process p = Harness.startProcess(env, stdout, jvmFlags);
        Map<String, Long> workerCpu;
        Map<String, Long> ownCpu;
        double worker;
        double workerSteady;
        double sqsDuringRun;
        long peakRssKb = 0;
        try {
            URI metrics =
                    await().atMost(Duration.ofMinutes(1)).until(() -> metricsUri(stdout), java.util.Objects::nonNull);
            // progress from the worker's outcome lines, not from /metrics: scraping 100 times a
            // second would load the worker with work no production scraper gives it
            Progress progress = new Progress(stdout);
            await().atMost(Duration.ofMinutes(10))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> progress.succeeded() >= warm);
            Map<String, Long> workerBefore = cpuByThreadGroup(p.pid());
            Map<String, Long> ownBefore =
                    cpuByThreadGroup(ProcessHandle.current().pid());
            double sqsBefore = sqsRequests(metrics);
            long steadyStart = System.nanoTime();
            long[] peak = {0};
            await().atMost(Duration.ofMinutes(10))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        peak[0] = Math.max(peak[0], rssKb(p.pid()));
                        return progress.succeeded() >= total;
                    });
            long end = System.nanoTime();
            worker = total / ((end - t1) / 1e9);
            workerSteady = n / ((end - steadyStart) / 1e9);
            workerCpu = minus(cpuByThreadGroup(p.pid()), workerBefore);
            ownCpu = minus(cpuByThreadGroup(ProcessHandle.current().pid()), ownBefore);
            sqsDuringRun = sqsRequests(metrics) - sqsBefore;
            peakRssKb = peak[0];
            assertThat(p.waitFor(2, java.util.concurrent.TimeUnit.MINUTES))
                    .as("the worker exits by itself once the queue is empty")
                    .isTrue();
        } finally {
            p.destroyForcibly();
        }
        assertThat(p.exitValue()).isZero();

        long workerAll = sum(workerCpu, g -> true);
        long jit = sum(workerCpu, g -> g.contains("CompilerThre"));
        long gc = sum(workerCpu, WorkerBenchIT::isGc);
        long emulators = sum(ownCpu, WorkerBenchIT::isEmulator);
        double workerOwnMs = (workerAll - jit - gc) / 1e6 / n;
        String report = String.format(
                Locale.ROOT,
                "worker bench: %d images (%.1f MB, 1200..3000 px wide) after %d warm-up images, 2 outputs each, %d CPUs, load average %.1f%n"
                        + "  worker JVM flags: %s%n"
                        + "  engine over local files (ebb resize): %.1f img/s, its threads' CPU %.1f ms per image%n"
                        + "  worker, whole run including its start and warm-up: %.1f img/s = %.2f x ebb resize%n"
                        + "  worker, steady (the %d images after the warm-up): %.1f img/s = %.2f x ebb resize%n"
                        + "  SQS requests per message while steady (receive + delete + visibility): %.3f%n"
                        + "  CPU per image while steady: worker process %.1f ms (its threads %.1f + JIT compilers %.1f + GC %.1f), emulators %.1f%n"
                        + "  ebb resize's CPU per image / the worker's, both without JIT and GC: %.2f (the worker's rate on cores of its own, S3 and SQS elsewhere)%n"
                        + "  worker peak RSS: %d MB%n",
                n,
                totalBytes / 1e6,
                warm,
                cpus,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                String.join(" ", jvmFlags),
                baseline,
                baselineCpuMs,
                worker,
                worker / baseline,
                n,
                workerSteady,
                workerSteady / baseline,
                sqsDuringRun / n,
                workerAll / 1e6 / n,
                workerOwnMs,
                jit / 1e6 / n,
                gc / 1e6 / n,
                emulators / 1e6 / n,
                baselineCpuMs / workerOwnMs,
                peakRssKb / 1024);
        report += "  worker CPU seconds by thread group while steady: " + top(workerCpu) + "\n";
        report += "  emulators' CPU seconds while steady: " + top(ownCpu) + "\n";
        System.out.print(report);
        Files.writeString(Path.of("target", "worker-bench.txt"), report);
        assertThat(h.aws.keys(h.dest)).hasSize(2 * total);
    }

    private static List<String> containerJvmFlags() throws java.io.IOException {
        return Harness.containerJvmFlags();
    }

    private static URI metricsUri(Path stdout) throws java.io.IOException {
        if (!Files.exists(stdout)) {
            return null;
        }
        return Harness.linesOf(stdout).stream()
                .filter(j -> "start".equals(j.getString("event")))
                .findFirst()
                .map(j -> URI.create("http://127.0.0.1:" + j.getInteger("metrics_port") + "/metrics"))
                .orElse(null);
    }

    /** Counts the worker's "succeeded" outcome lines, reading only what was appended since the last call. */
    private static final class Progress {
        private final Path file;
        private long offset;
        private long succeeded;
        private String partial = "";

        Progress(Path file) {
            this.file = file;
        }

        long succeeded() throws java.io.IOException {
            try (var ch = java.nio.channels.FileChannel.open(file)) {
                long size = ch.size();
                if (size > offset) {
                    var buf = java.nio.ByteBuffer.allocate((int) (size - offset));
                    ch.read(buf, offset);
                    offset = size;
                    String text = partial + new String(buf.array(), java.nio.charset.StandardCharsets.UTF_8);
                    int cut = text.lastIndexOf('\n') + 1;
                    partial = text.substring(cut);
                    succeeded += text.substring(0, cut)
                            .lines()
                            .filter(l -> l.contains("\"outcome\":\"succeeded\""))
                            .count();
                }
            }
            return succeeded;
        }
    }

    /** Every request attempt, ok or not (labels are sorted in Prometheus text: operation, outcome, service). */
    private static double sqsRequests(URI metrics) throws Exception {
        String text = Harness.scrape(metrics);
        return Harness.metric(text, "ebb_worker_aws_call_seconds_count{operation=\"DeleteMessageBatch\"")
                + Harness.metric(text, "ebb_worker_aws_call_seconds_count{operation=\"ReceiveMessage\"")
                + Harness.metric(text, "ebb_worker_aws_call_seconds_count{operation=\"ChangeMessageVisibilityBatch\"");
    }

    private static long rssKb(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(l -> l.startsWith("VmRSS:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                    .findFirst()
                    .orElse(0);
        } catch (java.io.IOException | RuntimeException gone) {
            return 0;
        }
    }

    private static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> d = new TreeMap<>(after);
        d.replaceAll((k, v) -> v - before.getOrDefault(k, 0L));
        return d;
    }

    private static long sum(Map<String, Long> cpu, java.util.function.Predicate<String> group) {
        return cpu.entrySet().stream()
                .filter(e -> group.test(e.getKey()))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    private static String top(Map<String, Long> cpu) {
        return cpu.entrySet().stream()
                .filter(e -> e.getValue() > 50_000_000L)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue() / 1e9))
                .collect(Collectors.joining(", "));
    }

    /** ElasticMQ's Pekko threads and S3Proxy's Jetty threads: in production these are AWS's CPUs, not the task's. */
    private static boolean isEmulator(String group) {
        return group.startsWith("elasticmq") || group.startsWith("S#Proxy") || group.startsWith("pekko");
    }

    /** HotSpot's collector threads: G1's (GC Thread#, G1 Conc#, G1 Refine#, G1 Service) and the VM thread that runs pauses. */
    private static boolean isGc(String group) {
        return group.startsWith("GC Thread") || group.startsWith("G# ") || group.equals("VM Thread");
    }

    /**
     * CPU time of every thread of this process, Java or not (JIT compilers, GC), summed by name
     * with digits replaced by {@code #}: /proc/self/task/TID/comm (15 characters at most, e.g.
     * {@code ebb-render-#} or {@code C# CompilerThre}) and utime + stime from its stat, in ns.
     */
    private static Map<String, Long> cpuByThreadGroup(long pid) throws java.io.IOException {
        long nsPerTick = 1_000_000_000L / 100; // USER_HZ is 100 on Linux
        Map<String, Long> byGroup = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip().replaceAll("[0-9]+", "#");
                    String stat = Files.readString(task.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
                    byGroup.merge(name, ticks * nsPerTick, Long::sum);
                } catch (java.io.IOException | RuntimeException gone) {
                    // the thread ended while being read
                }
            }
        }
        return byGroup;
    }

    private static void resizeFolder(
            ExecutorService pool, ImageEngine engine, Path in, Path out, List<String> keys, List<OutputSpec> specs)
            throws Exception {
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
    }
}
