package dev.ebb.local;

import dev.ebb.controller.policy.CapacityProvider;
import dev.ebb.emulators.EmbeddedSqs;
import dev.ebb.image.spec.OutputFormat;
import dev.ebb.image.spec.OutputSpec;
import dev.ebb.image.spec.ResizeMode;
import dev.ebb.image.spec.Rgb;
import dev.ebb.local.account.Accounting;
import dev.ebb.local.account.DeadLetters;
import dev.ebb.local.emulators.LocalAws;
import dev.ebb.local.ingest.Ingest;
import dev.ebb.local.ingest.InputFiles;
import dev.ebb.local.platform.ProcessTaskFleet;
import dev.ebb.local.platform.TaskListener;
import dev.ebb.local.platform.WorkerLauncher;
import dev.ebb.local.platform.WorkerTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The training run of the worker's AOT cache (JEP 483, 514, 515): one {@code ebb worker} process,
 * started with {@code -XX:AOTCacheOutput}, drains a known set of inputs from the emulators and
 * exits at the empty queue, and its JVM writes the cache as it exits. The cache holds the classes
 * the run loaded and linked and the profiles of the methods it ran, so the run must go where a
 * task goes: S3 event bodies as S3 sends them, every output written, a bad image dead-lettered.
 * It counts only if every input ended as it should (outputs, or the dead-letter queue for the ones
 * expected to fail) and the cache file is there.
 */
public final class TrainingRun {

    /** What is rendered: the worker's defaults. */
    static final String SIZES = "224x224,299x299";

    static final String MODE = "fit";

    /** What a training run left: the cache and what the worker did to earn it. */
    public record Result(
            Path cache, long cacheBytes, long processed, Map<String, Long> deadLettered, Duration worker) {}

    /** A run whose cache is not worth shipping; the message says why and where the worker's logs are. */
    public static final class Failed extends Exception {
        Failed(String message) {
            super(message);
        }
    }

    private TrainingRun() {}

    /**
     * Runs {@code workerCommand} (a {@code java … ebb worker} command line; its own AOT flags are
     * replaced) over {@code inputs} and writes the cache to {@code cache}.
     *
     * @param expectedToFail the input keys that must end in the dead-letter queue, every other one as outputs
     */
    public static Result run(
            List<InputFiles.Input> inputs,
            Set<String> expectedToFail,
            List<String> workerCommand,
            Path cache,
            Duration timeout)
            throws Exception {
        Path out = cache.toAbsolutePath();
        Files.deleteIfExists(out); // a cache left by an earlier run must not pass for this one's
        Path work = Files.createTempDirectory("ebb-aot-train-");
        boolean ok = false;
        try (LocalAws aws =
                LocalAws.start(Files.createDirectories(work.resolve("s3")), new LocalAws.QueueSettings(60, 3))) {
            new Ingest(aws.s3, aws.sqs, EmbeddedSqs.REGION, LocalAws.SOURCE_BUCKET, aws.queueUrl, Clock.systemUTC())
                    .upload(inputs);

            Map<String, String> tuning = new LinkedHashMap<>();
            // leave as soon as the queue is empty: the cache is written at exit
            tuning.put("EBB_WAIT_TIME_SECONDS", "1");
            tuning.put("EBB_IDLE_SECONDS", "0");
            tuning.put("EBB_IDLE_EMPTY_POLLS", "1");
            Path logs = Files.createDirectories(work.resolve("workers"));
            WorkerLauncher launcher = new WorkerLauncher(
                    withCacheOutput(workerCommand, out),
                    WorkerEnvironment.of(tuning, WorkerEnvironment.managed(aws, SIZES, MODE)),
                    logs);
            WorkerTask task = runOne(launcher, timeout);
            int code = task.exitCode().orElseThrow();
            if (code != 0) {
                throw new Failed("the training worker exited with " + code + " ("
                        + task.exitReason().orElse("") + "); its logs: " + logs);
            }

            Map<String, Accounting.Output> outputs = new LinkedHashMap<>();
            aws.s3
                    .listObjectsV2Paginator(r -> r.bucket(LocalAws.DEST_BUCKET))
                    .contents()
                    .forEach(o -> outputs.put(o.key(), new Accounting.Output(o.key(), o.size(), 0, 0)));
            Accounting.Result accounted = Accounting.of(
                    inputs.stream().map(InputFiles.Input::key).toList(),
                    specs(),
                    outputs,
                    DeadLetters.read(aws.sqs, aws.deadLetterQueueUrl));
            List<String> wrong = new ArrayList<>(accounted.unaccounted());
            for (Accounting.Entry e : accounted.entries()) {
                boolean failed = !e.status().equals("processed");
                if (failed != expectedToFail.contains(e.key())) {
                    wrong.add(e.key() + ": " + e.status() + (failed ? " (" + e.reason() + ": " + e.detail() + ")" : "")
                            + ", expected " + (failed ? "processed" : "dead-lettered"));
                }
            }
            if (!wrong.isEmpty()) {
                throw new Failed("the training run did not go as a task's would:\n  " + String.join("\n  ", wrong)
                        + "\nworker logs: " + logs);
            }
            if (!Files.isRegularFile(out) || Files.size(out) == 0) {
                throw new Failed("the worker exited 0 but wrote no AOT cache at " + out + "; its stderr: " + logs);
            }
            ok = true;
            Duration ran = Duration.between(task.createdAt(), task.exitedAt().orElseThrow());
            return new Result(out, Files.size(out), accounted.processed(), accounted.failedByReason(), ran);
        } finally {
            if (ok) {
                LocalPipeline.deleteTree(work);
            } else {
                LocalPipeline.deleteTree(work.resolve("s3"));
            }
        }
    }

    /**
     * {@code command} with {@code -XX:AOTCacheOutput=cache} as its first JVM option and without
     * the AOT options it had (the image's command uses the cache this run is about to write), nor
     * its {@code -XX:CompileThresholdScaling}: the training runs at the JVM's default thresholds.
     * What the training compiles is what the image's JVM compiles early, so scaled thresholds there
     * would mark start-up code run only 20 to 200 times as well. A cache trained at 0.1 (when the
     * image ran at 0.1 too) made the image's runs slower, not faster: 27.9 ms of CPU per image over
     * 400 images instead of 23.6, and the first output 1.49 s after the start instead of 1.24
     * (worker-vs-blueprint, alternated, 3 runs each, medians).
     */
    static List<String> withCacheOutput(List<String> command, Path cache) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("no worker command");
        }
        List<String> out = new ArrayList<>();
        out.add(command.getFirst());
        out.add("-XX:AOTCacheOutput=" + cache);
        boolean jvmOptions = true;
        for (int i = 1; i < command.size(); i++) {
            String a = command.get(i);
            if (jvmOptions && (a.equals("-jar") || !a.startsWith("-"))) {
                jvmOptions = false; // the jar or the main class: the rest belongs to the program
            }
            if (jvmOptions && (a.equals("-cp") || a.equals("-classpath") || a.equals("--class-path"))) {
                out.add(a);
                out.add(command.get(++i));
                continue;
            }
            if (jvmOptions
                    && a.matches(
                            "-XX:[+-]?AOT(Cache|CacheOutput|Configuration|Mode)(=.*)?|-XX:CompileThresholdScaling=.*")) {
                continue;
            }
            out.add(a);
        }
        return out;
    }

    private static List<OutputSpec> specs() {
        return OutputSpec.parseSizes(SIZES, ResizeMode.parse(MODE), OutputFormat.JPEG, 85, Rgb.BLACK);
    }

    private static WorkerTask runOne(WorkerLauncher launcher, Duration timeout) throws Exception {
        CompletableFuture<WorkerTask> exited = new CompletableFuture<>();
        try (ProcessTaskFleet fleet = new ProcessTaskFleet(launcher, new TaskListener() {
            @Override
            public void exited(WorkerTask task) {
                exited.complete(task);
            }
        })) {
            var launched = fleet.launch(CapacityProvider.FARGATE, 1, "aot-train");
            if (!launched.failures().isEmpty()) {
                throw new Failed("could not start the training worker: "
                        + launched.failures().getFirst().detail());
            }
            try {
                return exited.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new Failed("the training worker did not exit within " + timeout.toSeconds() + " s; its logs: "
                        + launcher.logs());
            }
        }
    }
}
