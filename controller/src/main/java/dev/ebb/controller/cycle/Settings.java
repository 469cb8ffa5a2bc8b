package dev.ebb.controller.cycle;

import dev.ebb.controller.aws.FleetSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deployment wiring from environment variables (docs/controller.md lists them). Read from a map,
 * not from System.getenv directly, so tests and the CLI can pass their own.
 */
public record Settings(
        String queueUrl,
        FleetSettings fleet,
        Optional<String> region,
        Optional<URI> sqsEndpoint,
        Optional<URI> ecsEndpoint,
        Optional<URI> cloudWatchEndpoint,
        Optional<Path> policyFile,
        boolean dryRun,
        String metricsNamespace,
        Optional<PolicyLocation> storedPolicy,
        String workerMetricsNamespace) {

    /** Either settings or the list of what is missing or malformed. */
    public sealed interface Result {
        record Ok(Settings settings) implements Result {}

        record Invalid(List<String> problems) implements Result {}
    }

    public static Result fromEnv(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        String queueUrl = required(env, "EBB_QUEUE_URL", problems);
        String cluster = required(env, "EBB_CLUSTER", problems);
        String taskDefinition = required(env, "EBB_TASK_DEFINITION", problems);
        List<String> subnets = list(env.get("EBB_SUBNETS"));
        if (subnets.isEmpty()) {
            problems.add("EBB_SUBNETS is not set (comma-separated subnet ids for the workers' awsvpc network)");
        }
        String startedBy = env.getOrDefault("EBB_STARTED_BY", "ebb-controller");
        if (startedBy.isEmpty() || startedBy.length() > 36) {
            problems.add("EBB_STARTED_BY must be 1 to 36 characters (an ECS limit), got '" + startedBy + "'");
        }
        Optional<URI> common = uri(env, "AWS_ENDPOINT_URL", problems);
        Optional<URI> sqs = uri(env, "AWS_ENDPOINT_URL_SQS", problems).or(() -> common);
        Optional<URI> ecs = uri(env, "AWS_ENDPOINT_URL_ECS", problems).or(() -> common);
        Optional<URI> cloudWatch = uri(env, "AWS_ENDPOINT_URL_CLOUDWATCH", problems).or(() -> common);
        Optional<URI> s3 = uri(env, "AWS_ENDPOINT_URL_S3", problems).or(() -> common);
        if (!problems.isEmpty()) {
            return new Result.Invalid(problems);
        }
        String container = env.getOrDefault("EBB_WORKER_CONTAINER", "worker");
        FleetSettings fleet = new FleetSettings(cluster, taskDefinition, subnets, list(env.get("EBB_SECURITY_GROUPS")),
                flag(env, "EBB_ASSIGN_PUBLIC_IP"), startedBy, container, Map.of("EBB_QUEUE_URL", queueUrl));
        return new Result.Ok(new Settings(queueUrl, fleet,
                Optional.ofNullable(env.get("AWS_REGION")).or(() -> Optional.ofNullable(env.get("AWS_DEFAULT_REGION"))),
                sqs, ecs, cloudWatch,
                Optional.ofNullable(env.get("EBB_POLICY_FILE")).filter(s -> !s.isBlank()).map(Path::of),
                flag(env, "EBB_DRY_RUN"),
                env.getOrDefault("EBB_METRICS_NAMESPACE", "Ebb/Controller"),
                Optional.ofNullable(env.get("EBB_POLICY_BUCKET")).filter(b -> !b.isBlank()).map(b -> new PolicyLocation(b.trim(),
                        env.getOrDefault("EBB_POLICY_KEY", PolicyLocation.DEFAULT_KEY).trim(), s3)),
                env.getOrDefault("EBB_WORKER_METRICS_NAMESPACE", "Ebb/Worker")));
    }

    public Settings withDryRun(boolean dryRun) {
        return new Settings(queueUrl, fleet, region, sqsEndpoint, ecsEndpoint, cloudWatchEndpoint, policyFile, dryRun, metricsNamespace,
                storedPolicy, workerMetricsNamespace);
    }

    private static String required(Map<String, String> env, String name, List<String> problems) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            problems.add(name + " is not set");
            return "";
        }
        return value.trim();
    }

    private static List<String> list(String value) {
        return value == null ? List.of() : Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static boolean flag(Map<String, String> env, String name) {
        return "true".equalsIgnoreCase(env.getOrDefault(name, "").trim()) || "1".equals(env.getOrDefault(name, "").trim());
    }

    private static Optional<URI> uri(Map<String, String> env, String name, List<String> problems) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(URI.create(value.trim()));
        } catch (IllegalArgumentException e) {
            problems.add(name + " is not a URL: " + value);
            return Optional.empty();
        }
    }
}
