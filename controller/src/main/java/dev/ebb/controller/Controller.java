package dev.ebb.controller;

import dev.ebb.controller.aws.Budget;
import dev.ebb.controller.lambda.Decision;
import dev.ebb.controller.lambda.LocalRun;
import dev.ebb.controller.policy.DurationWords;
import dev.ebb.controller.policy.PolicyParser;
import dev.ebb.controller.policy.PolicyResult;
import dev.ebb.controller.policy.ScalingPolicy;
import dev.ebb.controller.policy.Sizing;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

/** What the command line calls: {@code ebb controller reconcile [--dry-run]} and {@code ebb policy check FILE}. */
public final class Controller {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int INVALID = 2;

    private Controller() {}

    /**
     * Runs one cycle from a shell against AWS (or AWS_ENDPOINT_URL…), configured by the same
     * environment variables as the Lambda; prints the decision line.
     *
     * @return 0 when the cycle ran, 1 on an AWS error, 2 for a bad policy or settings
     */
    public static int reconcile(Map<String, String> env, boolean dryRun, PrintStream out) {
        Decision decision = LocalRun.reconcile(env, Instant.now().truncatedTo(ChronoUnit.SECONDS), Budget.fixed(Duration.ofSeconds(60)), dryRun);
        out.println(decision.line());
        return switch (decision.status()) {
            case OK -> OK;
            case ERROR, LAUNCH_FAILED -> FAILED;
            case POLICY_INVALID, SETTINGS_INVALID -> INVALID;
        };
    }

    private static String describe(Sizing sizing) {
        return switch (sizing) {
            case Sizing.ByMessages m -> m.targetMessagesPerTask() + " messages per task";
            case Sizing.ByWork w -> String.format(Locale.ROOT,
                    "sized by work (drain within %s at %d%% utilization; until measured %s msg/s per task, start %s)",
                    DurationWords.format(w.drainWithin()), w.targetUtilizationPercent(), trim(w.assumedThroughputPerTask()),
                    DurationWords.format(w.assumedStartLatency()));
        };
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Validates a policy file; prints a summary when valid, every error (file:line:column) when not. */
    public static int checkPolicy(Path file, PrintStream out, PrintStream err) {
        return switch (PolicyParser.parse(file)) {
            case PolicyResult.Valid(ScalingPolicy p) -> {
                out.printf("%s: valid ScalingPolicy '%s': %s, %d..%d tasks, scale-down %s%s%n",
                        file, p.name(), describe(p.sizing()), p.minTasks(), p.maxTasks(), p.scaleDown().mode().yamlName(),
                        p.paused() ? ", PAUSED" : "");
                if (p.sizing() instanceof Sizing.ByMessages) {
                    out.printf("%s: note: sized by message count, blind to how fast a task works; to size by measured work"
                            + " replace targetMessagesPerTask with a work block (see config/scaling-policy.yaml and"
                            + " docs/controller.md, \"Moving to work-based sizing\")%n", file);
                }
                yield OK;
            }
            case PolicyResult.Invalid invalid -> {
                err.print(invalid.format());
                err.printf("%s: %d error%s%n", file, invalid.errors().size(), invalid.errors().size() == 1 ? "" : "s");
                yield INVALID;
            }
        };
    }
}
