package dev.ebb.worker.config;

import dev.ebb.image.Limits;
import dev.ebb.image.spec.OutputSpec;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Everything the worker is told by its environment, validated, in groups. See {@link ConfigReader}
 * for the variable names, defaults and allowed values (and docs/worker.md, which lists the same).
 */
public record WorkerConfig(
        Queue queue,
        Buckets buckets,
        Rendering rendering,
        Capacity capacity,
        Lifetime lifetime,
        Retries retries,
        Breakers breakers,
        Endpoints endpoints,
        int metricsPort,
        WorkReporting reporting) {

    /**
     * The source queue: where messages come from (EBB_QUEUE_URL), where permanent failures go
     * (EBB_DLQ_URL, else the queue's redrive policy), the long poll, the visibility timeout (else
     * the queue's), and how long a delete waits to share a DeleteMessageBatch.
     */
    public record Queue(
            String url,
            Optional<String> deadLetterUrl,
            int waitTimeSeconds,
            Optional<Integer> visibilityTimeoutSeconds,
            Duration deleteFlushDelay) {}

    /** Where outputs go (EBB_DEST_BUCKET, EBB_DEST_PREFIX), and which source buckets a message may name. */
    public record Buckets(String destination, String destinationPrefix, List<String> sources) {

        /** Whether a message naming {@code bucket} may be read: in {@code EBB_SOURCE_BUCKETS}, or any bucket when that is not set. */
        public boolean sourceAllowed(String bucket) {
            return sources.isEmpty() || sources.contains(bucket);
        }

        /**
         * Output keys carry the source bucket ({@code <W>x<H>/<bucket>/<key>}) when several source buckets
         * are allowed, so the same key in two of them gives two outputs. With one (or none listed) the
         * layout stays {@code <W>x<H>/<key>}, which existing consumers of the destination read.
         */
        public boolean outputKeysNameBucket() {
            return sources.size() > 1;
        }
    }

    /** What is made of each image, what the engine accepts, with which JPEG decoder and how many render threads. */
    public record Rendering(List<OutputSpec> outputs, Limits limits, boolean turboJpeg, int workerThreads) {}

    /** How much the worker holds at once: messages in flight (the permits) and source bytes in memory. */
    public record Capacity(int concurrency, long maxBytesInFlight) {}

    /** When the worker leaves: after an idle window of empty polls, and how long SIGTERM waits for work in flight. */
    public record Lifetime(Duration idleWindow, int idleEmptyPolls, Duration gracePeriod) {}

    /** Resilience4j retry inside one attempt at a message, then the visibility backoff between attempts. */
    public record Retries(int attempts, Duration firstWait, Duration backoffBase, Duration backoffMax) {}

    /** Circuit breakers on S3 and on SQS (the same settings for both). */
    public record Breakers(int failureRatePercent, int windowCalls, int minimumCalls, Duration openFor) {}

    /** The region, and endpoint overrides for emulators and S3-compatible stores. */
    public record Endpoints(Optional<String> region, Optional<URI> sqs, Optional<URI> s3, boolean s3PathStyle) {}

    /**
     * The work report line for the controller (docs/worker.md): how often, against how many vCPUs,
     * under which CloudWatch namespace.
     */
    public record WorkReporting(Duration interval, OptionalDouble taskVcpu, String namespace) {}
}
