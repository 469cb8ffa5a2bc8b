package dev.ebb.local;

import dev.ebb.local.emulators.LocalAws;
import dev.ebb.emulators.EmulatorClients;
import dev.ebb.emulators.EmbeddedSqs;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The environment of every worker process: what the ECS task definition sets in AWS, pointed at
 * the emulators, with timings suited to a laptop (short long-polls, a short idle window).
 */
final class WorkerEnvironment {

    /** Set by local mode from the run itself; a --worker-env entry may not change them. */
    static final Set<String> MANAGED = Set.of("EBB_QUEUE_URL", "EBB_DLQ_URL", "EBB_DEST_BUCKET", "EBB_DEST_PREFIX",
            "EBB_SQS_ENDPOINT", "EBB_S3_ENDPOINT", "EBB_S3_PATH_STYLE", "EBB_REGION", "AWS_REGION", "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY", "EBB_SIZES", "EBB_MODE", "EBB_METRICS_PORT", "EBB_TASK_ID");

    private WorkerEnvironment() {}

    static Map<String, String> of(LocalAws aws, LocalOptions o) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("EBB_WAIT_TIME_SECONDS", "2");
        env.put("EBB_IDLE_EMPTY_POLLS", "2");
        env.put("EBB_IDLE_SECONDS", Long.toString(o.workerIdle().toSeconds()));
        env.put("EBB_GRACE_SECONDS", Long.toString(o.workerGrace().toSeconds()));
        env.put("EBB_LOG_LEVEL", "WARN");
        env.putAll(o.workerEnv());
        env.put("EBB_QUEUE_URL", aws.queueUrl);
        env.put("EBB_DLQ_URL", aws.deadLetterQueueUrl);
        env.put("EBB_DEST_BUCKET", LocalAws.DEST_BUCKET);
        env.put("EBB_SQS_ENDPOINT", aws.sqsServer.endpoint().toString());
        env.put("EBB_S3_ENDPOINT", aws.s3Server.endpoint().toString());
        env.put("EBB_S3_PATH_STYLE", "on");
        env.put("EBB_REGION", EmbeddedSqs.REGION);
        env.put("AWS_REGION", EmbeddedSqs.REGION);
        env.put("AWS_ACCESS_KEY_ID", EmulatorClients.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", EmulatorClients.SECRET_KEY);
        env.put("EBB_SIZES", o.sizes());
        env.put("EBB_MODE", o.mode());
        env.put("EBB_METRICS_PORT", "0");
        return env;
    }
}
