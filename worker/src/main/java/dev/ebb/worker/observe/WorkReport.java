package dev.ebb.worker.observe;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * What this worker did, once a reporting interval, as a CloudWatch Embedded Metric Format line: the
 * messages it finished and the task-seconds it was busy. The controller divides the fleet's sums
 * (docs/controller.md, "Sizing by work") to learn how many messages a fully busy task finishes per
 * second, whatever the task size or the images.
 *
 * <p>Busy is, per sample in which the worker holds a message, the larger of the task's CPU share
 * and its share of permits in use: a CPU-bound worker saturates its vCPUs first, one waiting on
 * slow S3 its permits first, and either way the ratio measures how much more it could take. A
 * sample holding nothing counts as idle, whatever the JVM did meanwhile. Samples come from the worker's tick; the last
 * partial interval is reported at exit, so a short-lived task's work is not lost.
 */
public final class WorkReport {

    /** EMF metric names; the controller's CloudWatchLoad reads the same. */
    public static final String PROCESSED = "MessagesProcessed";

    public static final String BUSY = "BusyTaskSeconds";
    public static final String DIMENSION = "Queue";

    private final String namespace;
    private final String queueName;
    private final double vcpus;
    private final int permits;
    private final long intervalMillis;
    private long intervalStart;
    private long lastSampleAt;
    private long lastCpuNanos;
    private double busySeconds;
    private double cpuSeconds;
    private double permitSeconds;
    private long processed;

    /**
     * @param vcpus the task's CPU allowance (vCPUs), against which the process's CPU time is a share
     * @param permits the worker's concurrency
     */
    public WorkReport(
            String namespace,
            String queueName,
            double vcpus,
            int permits,
            long intervalMillis,
            long nowMillis,
            long cpuNanos) {
        if (!(vcpus > 0) || permits < 1 || intervalMillis < 1) {
            throw new IllegalArgumentException("vcpus, permits and the interval must be above 0");
        }
        this.namespace = namespace;
        this.queueName = queueName;
        this.vcpus = vcpus;
        this.permits = permits;
        this.intervalMillis = intervalMillis;
        this.intervalStart = nowMillis;
        this.lastSampleAt = nowMillis;
        this.lastCpuNanos = cpuNanos;
    }

    /** The queue's name, the report's dimension, from its URL (https://sqs.REGION.amazonaws.com/ACCOUNT/NAME). */
    public static String queueName(String queueUrl) {
        String trimmed = queueUrl.endsWith("/") ? queueUrl.substring(0, queueUrl.length() - 1) : queueUrl;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    /** Accounts the time since the last sample, with the permits in use now and the process's CPU time. */
    public void sample(long nowMillis, int permitsInUse, long cpuNanos) {
        long elapsed = nowMillis - lastSampleAt;
        if (elapsed <= 0) {
            return;
        }
        double seconds = elapsed / 1000.0;
        double cpuShare = Math.max(0, (cpuNanos - lastCpuNanos) / 1e9) / (seconds * vcpus);
        double permitShare = (double) Math.max(0, permitsInUse) / permits;
        // Only time holding messages is work: the JVM's own start-up, JIT and idle polling would
        // otherwise make a lightly loaded task look slow, and the controller keep tasks it does not need.
        if (permitsInUse > 0) {
            busySeconds += Math.min(1, Math.max(cpuShare, permitShare)) * seconds;
        }
        cpuSeconds += Math.min(1, cpuShare) * seconds;
        permitSeconds += Math.min(1, permitShare) * seconds;
        lastSampleAt = nowMillis;
        lastCpuNanos = cpuNanos;
    }

    /** A message's work is done (whatever its outcome: it used the task either way). */
    public void finished() {
        processed++;
    }

    /** The report line if an interval has passed since the last one. */
    public Optional<JsonObject> due(long nowMillis) {
        return nowMillis - intervalStart >= intervalMillis ? Optional.of(flush(nowMillis)) : Optional.empty();
    }

    /** The report for the time since the last one, and a new interval from now. */
    public JsonObject flush(long nowMillis) {
        double interval = Math.max(0, nowMillis - intervalStart) / 1000.0;
        JsonObject line = new JsonObject()
                .put(
                        "_aws",
                        new JsonObject()
                                .put("Timestamp", nowMillis)
                                .put(
                                        "CloudWatchMetrics",
                                        new JsonArray()
                                                .add(new JsonObject()
                                                        .put("Namespace", namespace)
                                                        .put(
                                                                "Dimensions",
                                                                new JsonArray().add(new JsonArray().add(DIMENSION)))
                                                        .put(
                                                                "Metrics",
                                                                new JsonArray()
                                                                        .add(new JsonObject()
                                                                                .put("Name", PROCESSED)
                                                                                .put("Unit", "Count"))
                                                                        .add(new JsonObject()
                                                                                .put("Name", BUSY)
                                                                                .put("Unit", "Seconds"))))))
                .put(DIMENSION, queueName)
                .put(PROCESSED, processed)
                .put(BUSY, round(busySeconds))
                .put("interval_s", round(interval))
                .put("cpu_busy_s", round(cpuSeconds))
                .put("permits_busy_s", round(permitSeconds))
                .put("vcpus", vcpus);
        intervalStart = nowMillis;
        processed = 0;
        busySeconds = 0;
        cpuSeconds = 0;
        permitSeconds = 0;
        return line;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
