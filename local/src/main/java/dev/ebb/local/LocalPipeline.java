package dev.ebb.local;

import dev.ebb.controller.aws.Retrying;
import dev.ebb.controller.aws.SqsQueueDepth;
import dev.ebb.controller.cycle.ControllerCycle;
import dev.ebb.controller.cycle.HistoryStore;
import dev.ebb.controller.policy.PolicyResult;
import dev.ebb.emulators.EmbeddedSqs;
import dev.ebb.local.emulators.LocalAws;
import dev.ebb.local.ingest.Ingest;
import dev.ebb.local.ingest.InputFiles;
import dev.ebb.local.platform.LocalLoad;
import dev.ebb.local.platform.ProcessTaskFleet;
import dev.ebb.local.platform.WorkerLauncher;
import dev.ebb.local.watch.Counters;
import dev.ebb.local.watch.View;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * {@code ebb local}: the deployed system's parts on one machine. ElasticMQ stands in for SQS,
 * S3Proxy (files in a temporary folder) for S3, uploading a file also sends the event S3 would,
 * the controller's real cycle runs every tick against {@link ProcessTaskFleet}, where a task is an
 * {@code ebb worker} process. Everything it starts — emulators, workers, temporary files — is gone
 * when it returns, however it ends.
 */
public final class LocalPipeline {

    /** How a run ended. {@code exitCode}: 0 every input accounted for, 1 otherwise. */
    public record Result(int exitCode, String summary) {}

    private final LocalOptions options;
    private final View view;
    private final PrintStream out;

    public LocalPipeline(LocalOptions options, View view, PrintStream out) {
        this.options = options;
        this.view = view;
        this.out = out;
    }

    public Result run() throws Exception {
        PolicyResult policy = Policies.source(options.policyFile()).get();
        if (policy instanceof PolicyResult.Invalid invalid) {
            throw new IllegalArgumentException(
                    "the scaling policy is invalid:\n" + invalid.format().stripTrailing());
        }
        List<InputFiles.Input> inputs = InputFiles.under(options.input());
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no files under " + options.input());
        }
        Milestones timeline = new Milestones();
        Path work = Files.createTempDirectory("ebb-local-");
        Resources res = new Resources(work);
        Thread onInterrupt = new Thread(() -> res.close(options.workerGrace()), "ebb-local-cleanup");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        boolean ok = false;
        try {
            Path store = Files.createDirectories(work.resolve("s3"));
            Path logs = Files.createDirectories(work.resolve("workers"));
            res.aws = LocalAws.start(
                    store, new LocalAws.QueueSettings(options.visibilityTimeoutSeconds(), options.maxReceiveCount()));
            timeline.mark("emulators");
            view.event(String.format(
                    "emulators up: SQS (ElasticMQ) %s, S3 (S3Proxy) %s; work folder %s",
                    res.aws.sqsServer.endpoint(), res.aws.s3Server.endpoint(), work));

            Ingest ingest = new Ingest(
                    res.aws.s3,
                    res.aws.sqs,
                    EmbeddedSqs.REGION,
                    LocalAws.SOURCE_BUCKET,
                    res.aws.queueUrl,
                    Clock.systemUTC());
            LocalLoad load = new LocalLoad(Clock.systemUTC());
            ingest.countSentWith(load::sent);
            ingest.upload(inputs);
            timeline.mark("uploaded");
            view.event(String.format(
                    "uploaded %d files to s3://%s and put one S3 event notification each on %s "
                            + "(local mode sends what S3 would send)",
                    inputs.size(), LocalAws.SOURCE_BUCKET, LocalAws.QUEUE));

            Counters counters = new Counters(view::event);
            res.fleet = new ProcessTaskFleet(
                    new WorkerLauncher(options.workerCommand(), WorkerEnvironment.of(res.aws, options), logs),
                    counters,
                    load);
            ControllerCycle cycle = new ControllerCycle(
                    Policies.source(options.policyFile()),
                    new SqsQueueDepth(
                            res.aws.sqs,
                            res.aws.queueUrl,
                            new Retrying(Retrying.Backoff.DEFAULT, () -> Duration.ofSeconds(30))),
                    res.fleet,
                    load,
                    HistoryStore.inMemory(),
                    "ebb-local");
            RunLoop loop = new RunLoop(options, res.aws, res.fleet, cycle, counters, view, timeline, ingest);
            Finish finish = new Finish(options, res.aws, res.fleet, timeline, out);
            Result result = loop.run(inputs, finish);
            ok = result.exitCode() == 0;
            return result;
        } finally {
            res.close(options.workerGrace());
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or ran; it cleaned up
            }
            if (ok) {
                deleteTree(work);
            } else {
                deleteTree(work.resolve("s3"));
                if (Files.isDirectory(work)) {
                    out.println("worker logs kept in " + work.resolve("workers"));
                }
            }
        }
    }

    /** What a run has started, closed exactly once: by the run, or by the shutdown hook on Ctrl-C. */
    private static final class Resources {
        private final Path work;
        private final AtomicBoolean closed = new AtomicBoolean();
        volatile LocalAws aws;
        volatile ProcessTaskFleet fleet;

        Resources(Path work) {
            this.work = work;
        }

        void close(Duration grace) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            if (fleet != null) {
                fleet.shutdown(grace.plusSeconds(5));
            }
            if (aws != null) {
                aws.close();
            }
            if (Thread.currentThread().getName().equals("ebb-local-cleanup")) {
                deleteTree(work); // interrupted: nothing to keep
            }
        }
    }

    /** Deletes {@code root} and everything under it, as far as it can: a leftover temporary file harms nothing. */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort; a leftover file in the temp folder harms nothing
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }
}
