package dev.ebb.cli.local;

import dev.ebb.cli.Main;
import dev.ebb.cli.options.ImageJobOptions;
import dev.ebb.image.spec.OutputSpec;
import dev.ebb.local.LocalOptions;
import dev.ebb.local.LocalPipeline;
import dev.ebb.local.platform.WorkerLauncher;
import dev.ebb.local.watch.View;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ebb local}: the whole pipeline on this machine (see dev.ebb.local.LocalPipeline). */
@Command(
        name = "local",
        resourceBundle = "dev.ebb.cli.local.LocalCommand",
        mixinStandardHelpOptions = true,
        description = {
            "Run the whole pipeline on this machine, no AWS needed.",
            "Embedded SQS (ElasticMQ) and S3 (S3Proxy), the real controller every --tick with the scaling policy, and each",
            "task an `ebb worker` process. Uploads every input file and puts the S3 event",
            "notification S3 would send on the queue; when the queue and the dead-letter",
            "queue have settled and every worker has exited, copies the outputs to --output.",
            "Exit 0 when every input was processed or dead-lettered with a reason; 1 if any",
            "is unaccounted for (listed); 2 bad command line or policy. See docs/local.md."
        })
public final class LocalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ImageJobOptions jobOptions;

    @Option(
            names = "--policy",
            paramLabel = "FILE",
            description = "Scaling policy (same format and checks as config/scaling-policy.yaml; re-read every tick). "
                    + "Default: a local one, at most 4 workers, 2 more per tick.")
    Path policy;

    @Option(
            names = "--tick",
            defaultValue = "5s",
            paramLabel = "DURATION",
            description = "How often the controller reconciles (the Lambda: every 2 min). Default ${DEFAULT-VALUE}.")
    String tick;

    @Option(
            names = "--report",
            paramLabel = "FILE.json",
            description =
                    "Write a JSON report: every input with status, reason, outputs; totals; tasks; controller decisions; timings.")
    Path report;

    @Option(
            names = "--keep-running",
            description =
                    "After the queue drains, keep everything up: files added under --input are uploaded on the next tick. Ctrl-C stops.")
    boolean keepRunning;

    @Option(
            names = "--visibility-timeout",
            defaultValue = "30s",
            paramLabel = "DURATION",
            description =
                    "The queue's visibility timeout: how soon a crashed worker's messages come back (default ${DEFAULT-VALUE}).")
    String visibility;

    @Option(
            names = "--max-receives",
            defaultValue = "3",
            paramLabel = "N",
            description =
                    "The redrive policy's maxReceiveCount before SQS dead-letters a message (default ${DEFAULT-VALUE}).")
    int maxReceives;

    @Option(
            names = "--worker-idle",
            defaultValue = "5s",
            paramLabel = "DURATION",
            description =
                    "A worker whose queue stays empty this long exits (EBB_IDLE_SECONDS; default ${DEFAULT-VALUE}).")
    String workerIdle;

    @Option(
            names = "--worker-grace",
            defaultValue = "10s",
            paramLabel = "DURATION",
            description =
                    "After SIGTERM a worker finishes its messages for this long (EBB_GRACE_SECONDS; default ${DEFAULT-VALUE}).")
    String workerGrace;

    @Option(
            names = "--worker-env",
            paramLabel = "NAME=VALUE",
            description =
                    "Extra environment for every worker, e.g. EBB_CONCURRENCY=4 (see docs/worker.md); repeatable.")
    Map<String, String> workerEnv = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        Map<String, String> env = new LinkedHashMap<>(workerEnv);
        for (String k : env.keySet()) {
            if (!k.startsWith("EBB_")) {
                throw new ParameterException(spec.commandLine(), "--worker-env " + k + ": only EBB_* variables");
            }
        }
        List<OutputSpec> specs = jobOptions.outputSpecs(
                env.getOrDefault("EBB_FORMAT", "jpeg"),
                env.getOrDefault("EBB_QUALITY", "85"),
                env.getOrDefault("EBB_BACKGROUND", "black"));
        jobOptions.requireOneSource();
        if (maxReceives < 1 || maxReceives > 1000) {
            throw new ParameterException(spec.commandLine(), "--max-receives must be 1..1000");
        }
        Duration tickEvery = duration("--tick", tick, Duration.ofMillis(200));
        Duration visibilityTimeout = duration("--visibility-timeout", visibility, Duration.ofSeconds(2));
        Duration idle = duration("--worker-idle", workerIdle, Duration.ZERO);
        Duration grace = duration("--worker-grace", workerGrace, Duration.ZERO);
        Path input = jobOptions.inputFolder();
        LocalOptions options = new LocalOptions(
                input,
                jobOptions.output(),
                Optional.ofNullable(policy),
                tickEvery,
                jobOptions.sizes(),
                jobOptions.mode().toLowerCase(Locale.ROOT),
                specs,
                Optional.ofNullable(report),
                keepRunning,
                (int) visibilityTimeout.toSeconds(),
                maxReceives,
                idle,
                grace,
                env,
                WorkerLauncher.sameJvm(Main.class.getName(), "worker"));
        View view =
                View.forStderr(View.stdoutIsTerminal(), Math.max(1.0, Math.min(5.0, tickEvery.toMillis() / 1000.0)));
        try {
            return new LocalPipeline(options, view, System.out).run().exitCode();
        } catch (IllegalArgumentException e) {
            System.err.println("ebb local: " + e.getMessage());
            return 2;
        }
    }

    /** {@code 5s}, {@code 500ms}, {@code 2m}, or ISO-8601 ({@code PT5S}). */
    private Duration duration(String option, String text, Duration min) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Duration d;
        try {
            if (t.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            } else if (t.endsWith("s")) {
                d = Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
            } else if (t.endsWith("m")) {
                d = Duration.ofSeconds(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 60));
            } else {
                d = Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new ParameterException(
                    spec.commandLine(), option + " " + text + ": not a duration (e.g. 5s, 500ms, 2m)");
        }
        if (d.compareTo(min) < 0) {
            throw new ParameterException(
                    spec.commandLine(), option + " " + text + ": at least " + min.toMillis() + " ms");
        }
        return d;
    }
}
