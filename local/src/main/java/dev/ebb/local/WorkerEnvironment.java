package dev.ebb.local;

import dev.ebb.emulators.EmbeddedSqs;
import dev.ebb.emulators.EmulatorClients;
import dev.ebb.local.emulators.LocalAws;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment of every worker process: what the ECS task definition sets in AWS, pointed at
 * the emulators, with timings suited to a laptop (short long-polls, a short idle window).
 */
final class WorkerEnvironment {

    private WorkerEnvironment() {}

    static Map<String, String> of(LocalAws aws, LocalOptions o) {
        Map<String, String> tuning = new LinkedHashMap<>();
        tuning.put("EBB_IDLE_SECONDS", Long.toString(o.workerIdle().toSeconds()));
        tuning.put("EBB_GRACE_SECONDS", Long.toString(o.workerGrace().toSeconds()));
        tuning.putAll(o.workerEnv());
        return of(tuning, managed(aws, o.sizes(), o.mode()));
    }

    /** What the run owns: the emulators' queues, buckets, endpoints and credentials, and what is rendered. */
    static Map<String, String> managed(LocalAws aws, String sizes, String mode) {
        Map<String, String> managed = new LinkedHashMap<>();
        managed.put("EBB_QUEUE_URL", aws.queueUrl);
        managed.put("EBB_DLQ_URL", aws.deadLetterQueueUrl);
        managed.put("EBB_DEST_BUCKET", LocalAws.DEST_BUCKET);
        managed.put("EBB_SQS_ENDPOINT", aws.sqsServer.endpoint().toString());
        managed.put("EBB_S3_ENDPOINT", aws.s3Server.endpoint().toString());
        managed.put("EBB_S3_PATH_STYLE", "on");
        managed.put("EBB_REGION", EmbeddedSqs.REGION);
        managed.put("AWS_REGION", EmbeddedSqs.REGION);
        managed.put("AWS_ACCESS_KEY_ID", EmulatorClients.ACCESS_KEY);
        managed.put("AWS_SECRET_ACCESS_KEY", EmulatorClients.SECRET_KEY);
        managed.put("EBB_SIZES", sizes);
        managed.put("EBB_MODE", mode);
        managed.put("EBB_METRICS_PORT", "0");
        return managed;
    }

    /** Laptop defaults, then {@code tuning} (options and --worker-env), then what the run owns, which nothing overrides. */
    static Map<String, String> of(Map<String, String> tuning, Map<String, String> managed) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("EBB_WAIT_TIME_SECONDS", "2");
        env.put("EBB_IDLE_EMPTY_POLLS", "2");
        env.put("EBB_LOG_LEVEL", "WARN");
        // Work reports every 2 s instead of every minute: local ticks are seconds apart, and the controller sizes by
        // them.
        env.put("EBB_WORK_REPORT_SECONDS", "2");
        env.putAll(tuning);
        env.putAll(managed);
        return env;
    }
}
