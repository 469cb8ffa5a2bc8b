package dev.ebb.worker.config;

import dev.ebb.env.EnvReader;
import dev.ebb.image.Limits;
import dev.ebb.image.spec.OutputFormat;
import dev.ebb.image.spec.OutputSpec;
import dev.ebb.image.spec.ResizeMode;
import dev.ebb.image.spec.Rgb;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@link WorkerConfig} from environment variables (as an ECS task definition sets them),
 * through the {@link EnvReader} the controller shares: every variable is checked and all problems
 * are reported at once, each naming the variable, the value and what is allowed.
 */
public final class ConfigReader {

    private final EnvReader env;
    private final int cpus;
    private final long maxHeapBytes;

    private ConfigReader(Map<String, String> env, int cpus, long maxHeapBytes) {
        this.env = new EnvReader(env);
        this.cpus = cpus;
        this.maxHeapBytes = maxHeapBytes;
    }

    public static WorkerConfig read(Map<String, String> env) throws ConfigException {
        return read(env, Runtime.getRuntime().availableProcessors());
    }

    public static WorkerConfig read(Map<String, String> env, int cpus) throws ConfigException {
        return read(env, cpus, Runtime.getRuntime().maxMemory());
    }

    public static WorkerConfig read(Map<String, String> env, int cpus, long maxHeapBytes) throws ConfigException {
        return new ConfigReader(env, cpus, maxHeapBytes).read();
    }

    /**
     * Half the heap's ceiling, in native memory beside it: source bodies are read into native
     * segments and freed when rendered, so they are not on the heap. With the image's
     * {@code -XX:MaxRAMPercentage=50} that is a quarter of the task's memory for sources, half for
     * the heap (decoded images, outputs, the SDK, Netty and Vert.x) and a quarter for the JVM
     * itself (code, metaspace, the AOT cache's mapping, threads).
     */
    static long defaultBytesInFlight(long maxHeapBytes) {
        return Math.max(16L << 20, maxHeapBytes / 2);
    }

    /** Comma-separated S3 bucket names; empty when unset. */
    private List<String> bucketList(String name) {
        List<String> buckets = new ArrayList<>();
        for (String bucket : env.list(name)) {
            if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
                env.problem(
                        name + ": '" + bucket + "' is not an S3 bucket name (allowed: comma-separated names of 3..63 "
                                + "lower-case letters, digits, dots and hyphens)");
            } else if (buckets.contains(bucket)) {
                env.problem(name + ": '" + bucket + "' is listed twice");
            } else {
                buckets.add(bucket);
            }
        }
        return List.copyOf(buckets);
    }

    /** The default number of messages in flight: enough to keep {@code cpus} busy while others download. */
    public static int defaultConcurrency(int cpus) {
        return Math.max(20, 4 * cpus);
    }

    private WorkerConfig read() throws ConfigException {
        String queueUrl = env.required("EBB_QUEUE_URL", "the SQS queue URL the S3 events arrive on");
        Optional<String> dlq = env.optional("EBB_DLQ_URL");
        String bucket = env.required("EBB_DEST_BUCKET", "the bucket the resized images are written to");
        String prefix = env.string("EBB_DEST_PREFIX", "");
        if (prefix.startsWith("/")) {
            env.problem("EBB_DEST_PREFIX='" + prefix + "' must not start with '/' (e.g. thumbnails/ or empty)");
        }
        ResizeMode mode = env.parsed("EBB_MODE", "fit", ResizeMode::parse, "fit, fill or pad");
        OutputFormat format = env.parsed("EBB_FORMAT", "jpeg", OutputFormat::parse, "jpeg or png");
        int quality = env.integer("EBB_QUALITY", 85, 1, 100);
        Rgb background = env.parsed("EBB_BACKGROUND", "black", Rgb::parse, "#rrggbb, black or white");
        List<OutputSpec> outputs = List.of();
        String sizes = env.string("EBB_SIZES", "224x224,299x299");
        try {
            // Checked even when another variable is wrong, with stand-ins for it: every problem at once.
            outputs = OutputSpec.parseSizes(
                    sizes,
                    mode == null ? ResizeMode.FIT : mode,
                    format == null ? OutputFormat.JPEG : format,
                    quality,
                    background == null ? Rgb.parse("black") : background);
        } catch (IllegalArgumentException e) {
            env.problem("EBB_SIZES='" + sizes + "': " + e.getMessage()
                    + " (allowed: comma-separated WIDTHxHEIGHT, each side 1.." + OutputSpec.MAX_SIDE + ")");
        }
        List<String> sourceBuckets = bucketList("EBB_SOURCE_BUCKETS");
        long maxBytes = env.whole("EBB_MAX_BYTES", Limits.DEFAULT.maxBytes(), 1, Long.MAX_VALUE);
        long maxPixels = env.whole("EBB_MAX_PIXELS", Limits.DEFAULT.maxPixels(), 1, Long.MAX_VALUE);
        boolean turbo = env.bool("EBB_TURBOJPEG", true);

        long bytesInFlight =
                env.whole("EBB_MAX_BYTES_IN_FLIGHT", defaultBytesInFlight(maxHeapBytes), 1, Long.MAX_VALUE);
        int concurrency = env.integer("EBB_CONCURRENCY", defaultConcurrency(cpus), 1, 1000);
        int threads = env.integer("EBB_WORKER_THREADS", cpus, 1, 256);
        int wait = env.integer("EBB_WAIT_TIME_SECONDS", 20, 0, 20);
        Optional<Integer> visibility = env.optional("EBB_VISIBILITY_TIMEOUT_SECONDS")
                .map(v -> env.integer("EBB_VISIBILITY_TIMEOUT_SECONDS", 0, 2, 43_200));
        Duration idle = env.seconds("EBB_IDLE_SECONDS", 60, 0, 86_400);
        int idlePolls = env.integer("EBB_IDLE_EMPTY_POLLS", 3, 1, 100);
        Duration grace = env.seconds("EBB_GRACE_SECONDS", 25, 0, 3_600);

        var retries = new WorkerConfig.Retries(
                env.integer("EBB_RETRY_ATTEMPTS", 3, 1, 20),
                env.millis("EBB_RETRY_WAIT_MS", 200, 1, 60_000),
                env.seconds("EBB_BACKOFF_BASE_SECONDS", 10, 0, 43_200),
                env.seconds("EBB_BACKOFF_MAX_SECONDS", 300, 0, 43_200));
        if (retries.backoffMax().compareTo(retries.backoffBase()) < 0) {
            env.problem("EBB_BACKOFF_MAX_SECONDS must be at least EBB_BACKOFF_BASE_SECONDS");
        }
        var breakers = new WorkerConfig.Breakers(
                env.integer("EBB_BREAKER_FAILURE_RATE", 50, 1, 100),
                env.integer("EBB_BREAKER_WINDOW", 20, 1, 1000),
                env.integer("EBB_BREAKER_MIN_CALLS", 10, 1, 1000),
                env.seconds("EBB_BREAKER_OPEN_SECONDS", 30, 1, 3_600));
        Duration flush = env.millis("EBB_DELETE_FLUSH_MS", 200, 0, 10_000);
        int port = env.integer("EBB_METRICS_PORT", 9102, 0, 65_535);
        Optional<String> region = env.region("EBB_REGION", "AWS_REGION");
        Optional<URI> sqsEndpoint = env.endpoint("EBB_SQS_ENDPOINT");
        Optional<URI> s3Endpoint = env.endpoint("EBB_S3_ENDPOINT");
        boolean pathStyle = env.bool("EBB_S3_PATH_STYLE", s3Endpoint.isPresent());

        var reporting = new WorkerConfig.WorkReporting(
                env.seconds("EBB_WORK_REPORT_SECONDS", 60, 1, 3_600),
                env.decimal("EBB_TASK_VCPU", 0.125, 192, "the task's vCPUs"),
                env.string("EBB_WORKER_METRICS_NAMESPACE", "Ebb/Worker"));

        if (!env.problems().isEmpty()) {
            throw new ConfigException(env.problems());
        }
        return new WorkerConfig(
                new WorkerConfig.Queue(queueUrl, dlq, wait, visibility, flush),
                new WorkerConfig.Buckets(bucket, prefix, sourceBuckets),
                new WorkerConfig.Rendering(
                        outputs, new Limits(maxBytes, maxPixels, Limits.DEFAULT.maxSide()), turbo, threads),
                new WorkerConfig.Capacity(concurrency, bytesInFlight),
                new WorkerConfig.Lifetime(idle, idlePolls, grace),
                retries,
                breakers,
                new WorkerConfig.Endpoints(region, sqsEndpoint, s3Endpoint, pathStyle),
                port,
                reporting);
    }
}
