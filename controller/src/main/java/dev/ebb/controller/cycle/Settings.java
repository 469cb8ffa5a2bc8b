package dev.ebb.controller.cycle;

import dev.ebb.controller.aws.FleetSettings;
import dev.ebb.env.EnvReader;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deployment wiring from environment variables (docs/controller.md lists them), read by the
 * {@link EnvReader} the worker shares: a value it does not understand is a problem, never a
 * default. Read from a map, not from System.getenv directly, so tests and the CLI can pass their own.
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

    public static Result fromEnv(Map<String, String> variables) {
        EnvReader env = new EnvReader(variables);
        String queueUrl = env.required("EBB_QUEUE_URL", "the SQS queue URL the workers consume");
        String cluster = env.required("EBB_CLUSTER", "the ECS cluster the workers run in");
        String taskDefinition = env.required("EBB_TASK_DEFINITION", "the workers' task definition");
        List<String> subnets = env.list("EBB_SUBNETS");
        if (subnets.isEmpty()) {
            env.problem(
                    "EBB_SUBNETS is not set (required: comma-separated subnet ids for the workers' awsvpc network)");
        }
        String startedBy = env.string("EBB_STARTED_BY", "ebb-controller");
        if (startedBy.length() > 36) {
            env.notAllowed("EBB_STARTED_BY", startedBy, "1 to 36 characters, an ECS limit");
        }
        boolean assignPublicIp = env.bool("EBB_ASSIGN_PUBLIC_IP", false);
        // A dry-run flag that cannot be read is a problem, never "false": the cycle then acts on nothing.
        boolean dryRun = env.bool("EBB_DRY_RUN", false);
        Optional<String> region = env.awsRegion();
        Optional<URI> sqs = env.awsEndpoint("SQS");
        Optional<URI> ecs = env.awsEndpoint("ECS");
        Optional<URI> cloudWatch = env.awsEndpoint("CLOUDWATCH");
        Optional<URI> s3 = env.awsEndpoint("S3");
        Optional<Path> policyFile = env.optional("EBB_POLICY_FILE").map(Path::of);
        Optional<PolicyLocation> storedPolicy = env.optional("EBB_POLICY_BUCKET")
                .map(bucket ->
                        new PolicyLocation(bucket, env.string("EBB_POLICY_KEY", PolicyLocation.DEFAULT_KEY), s3));
        if (!env.problems().isEmpty()) {
            return new Result.Invalid(env.problems());
        }
        FleetSettings fleet = new FleetSettings(
                cluster,
                taskDefinition,
                subnets,
                env.list("EBB_SECURITY_GROUPS"),
                assignPublicIp,
                startedBy,
                env.string("EBB_WORKER_CONTAINER", "worker"),
                Map.of("EBB_QUEUE_URL", queueUrl));
        return new Result.Ok(new Settings(
                queueUrl,
                fleet,
                region,
                sqs,
                ecs,
                cloudWatch,
                policyFile,
                dryRun,
                env.string("EBB_METRICS_NAMESPACE", "Ebb/Controller"),
                storedPolicy,
                env.string("EBB_WORKER_METRICS_NAMESPACE", "Ebb/Worker")));
    }

    public Settings withDryRun(boolean dryRun) {
        return new Settings(
                queueUrl,
                fleet,
                region,
                sqsEndpoint,
                ecsEndpoint,
                cloudWatchEndpoint,
                policyFile,
                dryRun,
                metricsNamespace,
                storedPolicy,
                workerMetricsNamespace);
    }
}
