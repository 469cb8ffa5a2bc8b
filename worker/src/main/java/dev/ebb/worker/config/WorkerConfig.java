package dev.ebb.worker.config;

import dev.ebb.image.Limits;
import dev.ebb.image.spec.OutputSpec;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Everything the worker is told by its environment, validated. See {@link ConfigReader} for the
 * variable names, defaults and allowed values (and docs/worker.md, which lists the same).
 */
public record WorkerConfig(
        String queueUrl,
        Optional<String> deadLetterQueueUrl,
        String destinationBucket,
        String destinationPrefix,
        List<String> sourceBuckets,
        List<OutputSpec> outputs,
        Limits limits,
        boolean turboJpeg,
        long maxBytesInFlight,
        int concurrency,
        int workerThreads,
        int waitTimeSeconds,
        Optional<Integer> visibilityTimeoutSeconds,
        Duration idleWindow,
        int idleEmptyPolls,
        Duration gracePeriod,
        Retries retries,
        Breakers breakers,
        Duration deleteFlushDelay,
        int metricsPort,
        Optional<String> region,
        Optional<URI> sqsEndpoint,
        Optional<URI> s3Endpoint,
        boolean s3PathStyle,
        WorkReporting reporting) {

    /**
     * The work report line for the controller (docs/worker.md): how often, against how many vCPUs,
     * under which CloudWatch namespace.
     */
    public record WorkReporting(Duration interval, OptionalDouble taskVcpu, String namespace) {}

    /** Resilience4j retry inside one attempt at a message, then the visibility backoff between attempts. */
    public record Retries(int attempts, Duration firstWait, Duration backoffBase, Duration backoffMax) {}

    /** Circuit breakers on S3 and on SQS (the same settings for both). */
    public record Breakers(int failureRatePercent, int windowCalls, int minimumCalls, Duration openFor) {}

    /** Whether a message naming {@code bucket} may be read: in {@code EBB_SOURCE_BUCKETS}, or any bucket when that is not set. */
    public boolean sourceAllowed(String bucket) {
        return sourceBuckets.isEmpty() || sourceBuckets.contains(bucket);
    }

    /**
     * Output keys carry the source bucket ({@code <W>x<H>/<bucket>/<key>}) when several source buckets
     * are allowed, so the same key in two of them gives two outputs. With one (or none listed) the
     * layout stays {@code <W>x<H>/<key>}, which existing consumers of the destination read.
     */
    public boolean outputKeysNameBucket() {
        return sourceBuckets.size() > 1;
    }
}
