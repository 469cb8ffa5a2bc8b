package dev.ebb.controller;

import dev.ebb.controller.aws.AwsClients;
import dev.ebb.controller.aws.Retrying;
import dev.ebb.controller.aws.S3PolicyStore;
import dev.ebb.controller.lambda.Decision;
import dev.ebb.controller.lambda.LocalRun;
import dev.ebb.controller.livepolicy.LivePolicy;
import dev.ebb.controller.policy.DurationWords;
import dev.ebb.controller.policy.PolicyParser;
import dev.ebb.controller.policy.PolicyResult;
import dev.ebb.controller.policy.ScalingPolicy;
import dev.ebb.controller.policy.Sizing;
import dev.ebb.controller.port.Budget;
import dev.ebb.controller.port.PolicyStore;
import dev.ebb.env.EnvReader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the command line calls: {@code ebb controller reconcile [--dry-run]} and {@code ebb policy
 * check FILE | apply FILE | get}.
 */
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
        Decision decision = LocalRun.reconcile(
                env, Instant.now().truncatedTo(ChronoUnit.SECONDS), Budget.fixed(Duration.ofSeconds(60)), dryRun);
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
            case Sizing.ByWork w ->
                String.format(
                        Locale.ROOT,
                        "sized by work (drain within %s at %d%% utilization; until measured %s msg/s per task, start %s)",
                        DurationWords.format(w.drainWithin()),
                        w.targetUtilizationPercent(),
                        trim(w.assumedThroughputPerTask()),
                        DurationWords.format(w.assumedStartLatency()));
        };
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Validates a policy file; prints a summary when valid, every error (file:line:column) when not. */
    public static int checkPolicy(Path file, PrintStream out, PrintStream err) {
        return check(file, PolicyParser.parse(file), out, err);
    }

    private static int check(Path file, PolicyResult result, PrintStream out, PrintStream err) {
        return switch (result) {
            case PolicyResult.Valid(ScalingPolicy p) -> {
                out.println(file + ": " + summary(p));
                yield OK;
            }
            case PolicyResult.Invalid invalid -> {
                err.print(invalid.format());
                err.printf(
                        "%s: %d error%s%n",
                        file, invalid.errors().size(), invalid.errors().size() == 1 ? "" : "s");
                yield INVALID;
            }
        };
    }

    private static String summary(ScalingPolicy p) {
        String summary = "valid ScalingPolicy '%s': %s, %d..%d tasks, scale-down %s%s"
                .formatted(
                        p.name(),
                        describe(p.sizing()),
                        p.minTasks(),
                        p.maxTasks(),
                        p.scaleDown().mode().yamlName(),
                        p.paused() ? ", PAUSED" : "");
        if (p.sizing() instanceof Sizing.ByMessages) {
            summary +=
                    "\n  note: sized by message count, blind to how fast a task works; to size by measured work replace"
                            + " targetMessagesPerTask with a work block (see config/scaling-policy.yaml and docs/controller.md,"
                            + " \"Moving to work-based sizing\")";
        }
        return summary;
    }

    /**
     * {@code ebb policy apply FILE}: validates the file exactly as {@link #checkPolicy} does and,
     * only if it is valid, stores it where the controller reads its policy every tick.
     *
     * @param env AWS_REGION, AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL (credentials: the SDK's usual chain)
     * @return 0 stored, 2 an invalid file or a malformed AWS_REGION / AWS_ENDPOINT_URL* (nothing stored), 1 the store could
     *     not be written
     */
    public static int applyPolicy(
            Path file, String bucket, String key, Map<String, String> env, PrintStream out, PrintStream err) {
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println(file + ": cannot read the file: " + e.getMessage());
            return INVALID;
        }
        // What is checked is what is stored: the text read once, not the file read again.
        int checked = check(file, PolicyParser.parse(yaml, file.toString()), out, err);
        if (checked != OK) {
            err.println("not stored: s3://" + bucket + "/" + key + " keeps the policy it has");
            return checked;
        }
        Optional<S3Client> client = s3(env, err);
        if (client.isEmpty()) {
            return INVALID;
        }
        try (S3Client s3 = client.get()) {
            PolicyStore store = new S3PolicyStore(s3, bucket, key, cliRetrying());
            PolicyStore.Read.Found stored = store.write(yaml);
            out.printf(
                    "stored as %s (ETag %s); the controller acts on it from its next tick%n",
                    LivePolicy.describe(store, stored), stored.etag());
            return OK;
        } catch (SdkException e) {
            err.println("could not store the policy in s3://" + bucket + "/" + key + ": " + e.getMessage());
            return FAILED;
        }
    }

    /**
     * {@code ebb policy get}: what the controller reads at its next tick, and whether it will act
     * on it. Prints the stored policy with its version and its check, or says that nothing is
     * stored and the bundled policy applies.
     *
     * @return 0 a valid (or no) stored policy, 2 an invalid one or a malformed AWS_REGION / AWS_ENDPOINT_URL*, 1 the store
     *     could not be read
     */
    public static int getPolicy(String bucket, String key, Map<String, String> env, PrintStream out, PrintStream err) {
        Optional<S3Client> client = s3(env, err);
        if (client.isEmpty()) {
            return INVALID;
        }
        try (S3Client s3 = client.get()) {
            PolicyStore store = new S3PolicyStore(s3, bucket, key, cliRetrying());
            return switch (store.read(Optional.empty())) {
                case PolicyStore.Read.Found found -> {
                    String where = LivePolicy.describe(store, found);
                    out.printf(
                            "# %s, ETag %s%s%n",
                            where,
                            found.etag(),
                            found.lastModified().map(t -> ", stored " + t).orElse(""));
                    out.print(found.yaml().endsWith("\n") ? found.yaml() : found.yaml() + "\n");
                    yield switch (PolicyParser.parse(found.yaml(), where)) {
                        case PolicyResult.Valid(ScalingPolicy p) -> {
                            out.println("# " + summary(p) + "; the controller acts on it");
                            yield OK;
                        }
                        case PolicyResult.Invalid invalid -> {
                            err.print(invalid.format());
                            err.println(
                                    "invalid: the controller keeps acting on the last valid policy it read (on nothing after a"
                                            + " cold start) and raises PolicyErrors; fix it and run ebb policy apply");
                            yield INVALID;
                        }
                    };
                }
                case PolicyStore.Read.Absent absent -> {
                    out.println("# nothing stored at " + store.location()
                            + ": the controller acts on the policy bundled in its jar");
                    PolicyResult bundled = PolicyParser.parseBundled();
                    if (bundled instanceof PolicyResult.Valid(ScalingPolicy p)) {
                        out.println("# bundled: " + summary(p));
                    }
                    yield OK;
                }
                case PolicyStore.Read.Unchanged unchanged -> throw new IllegalStateException("no ETag was sent");
            };
        } catch (SdkException e) {
            err.println("could not read s3://" + bucket + "/" + key + ": " + e.getMessage());
            return FAILED;
        }
    }

    private static Retrying cliRetrying() {
        return new Retrying(Retrying.Backoff.DEFAULT, Budget.fixed(Duration.ofSeconds(60)));
    }

    /** A client from the region and endpoint the Lambda reads too; empty, with every problem on {@code err}, when they are malformed. */
    private static Optional<S3Client> s3(Map<String, String> variables, PrintStream err) {
        EnvReader env = new EnvReader(variables);
        Optional<String> region = env.awsRegion();
        Optional<URI> endpoint = env.awsEndpoint("S3");
        env.problems().forEach(err::println);
        return env.problems().isEmpty()
                ? Optional.of(AwsClients.s3(region.map(Region::of), endpoint))
                : Optional.empty();
    }
}
