package dev.ebb.worker.config;

import dev.ebb.image.Limits;
import dev.ebb.image.spec.OutputFormat;
import dev.ebb.image.spec.OutputSpec;
import dev.ebb.image.spec.ResizeMode;
import dev.ebb.image.spec.Rgb;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * Reads {@link WorkerConfig} from environment variables (as an ECS task definition sets them).
 * Every variable is checked and all problems are reported at once, each naming the variable, the
 * value and what is allowed.
 */
public final class ConfigReader {

    private final Map<String, String> env;
    private final int cpus;
    private final long maxHeapBytes;
    private final List<String> problems = new ArrayList<>();

    private ConfigReader(Map<String, String> env, int cpus, long maxHeapBytes) {
        this.env = env;
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
     * 40 % of the heap for source bytes: the rest holds the decoded images (one per render thread,
     * at the shrink-on-load scale), the outputs, and the SDK, Netty and Vert.x themselves.
     */
    static long defaultBytesInFlight(long maxHeapBytes) {
        return Math.max(16L << 20, maxHeapBytes / 5 * 2);
    }

    /** Comma-separated S3 bucket names; empty when unset. */
    private List<String> bucketList(String name) {
        Optional<String> v = optional(name);
        if (v.isEmpty()) {
            return List.of();
        }
        List<String> buckets = new ArrayList<>();
        for (String b : v.get().split(",")) {
            String bucket = b.trim();
            if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
                problems.add(name + ": '" + bucket + "' is not an S3 bucket name (allowed: comma-separated names of 3..63 "
                        + "lower-case letters, digits, dots and hyphens)");
            } else if (buckets.contains(bucket)) {
                problems.add(name + ": '" + bucket + "' is listed twice");
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
        String queueUrl = required("EBB_QUEUE_URL", "the SQS queue URL the S3 events arrive on");
        Optional<String> dlq = optional("EBB_DLQ_URL");
        String bucket = required("EBB_DEST_BUCKET", "the bucket the resized images are written to");
        String prefix = optional("EBB_DEST_PREFIX").orElse("");
        if (prefix.startsWith("/")) {
            problems.add("EBB_DEST_PREFIX='" + prefix + "' must not start with '/' (e.g. thumbnails/ or empty)");
        }
        ResizeMode mode = parsed("EBB_MODE", "fit", ResizeMode::parse, "fit, fill or pad");
        OutputFormat format = parsed("EBB_FORMAT", "jpeg", OutputFormat::parse, "jpeg or png");
        int quality = integer("EBB_QUALITY", 85, 1, 100);
        Rgb background = parsed("EBB_BACKGROUND", "black", Rgb::parse, "#rrggbb, black or white");
        List<OutputSpec> outputs = List.of();
        String sizes = optional("EBB_SIZES").orElse("224x224,299x299");
        try {
            // Checked even when another variable is wrong, with stand-ins for it: every problem at once.
            outputs = OutputSpec.parseSizes(sizes, mode == null ? ResizeMode.FIT : mode, format == null ? OutputFormat.JPEG : format,
                    quality, background == null ? Rgb.parse("black") : background);
        } catch (IllegalArgumentException e) {
            problems.add("EBB_SIZES='" + sizes + "': " + e.getMessage()
                    + " (allowed: comma-separated WIDTHxHEIGHT, each side 1.." + OutputSpec.MAX_SIDE + ")");
        }
        List<String> sourceBuckets = bucketList("EBB_SOURCE_BUCKETS");
        long maxBytes = longInteger("EBB_MAX_BYTES", Limits.DEFAULT.maxBytes(), 1, Long.MAX_VALUE);
        long maxPixels = longInteger("EBB_MAX_PIXELS", Limits.DEFAULT.maxPixels(), 1, Long.MAX_VALUE);
        Boolean turbo = parsed("EBB_TURBOJPEG", "on", ConfigReader::onOff, "on or off");

        long bytesInFlight = longInteger("EBB_MAX_BYTES_IN_FLIGHT", defaultBytesInFlight(maxHeapBytes), 1, Long.MAX_VALUE);
        int concurrency = integer("EBB_CONCURRENCY", defaultConcurrency(cpus), 1, 1000);
        int threads = integer("EBB_WORKER_THREADS", cpus, 1, 256);
        int wait = integer("EBB_WAIT_TIME_SECONDS", 20, 0, 20);
        Optional<Integer> visibility = optional("EBB_VISIBILITY_TIMEOUT_SECONDS").map(v -> integer("EBB_VISIBILITY_TIMEOUT_SECONDS", 0, 2, 43_200));
        Duration idle = seconds("EBB_IDLE_SECONDS", 60, 0, 86_400);
        int idlePolls = integer("EBB_IDLE_EMPTY_POLLS", 3, 1, 100);
        Duration grace = seconds("EBB_GRACE_SECONDS", 25, 0, 3_600);

        var retries = new WorkerConfig.Retries(
                integer("EBB_RETRY_ATTEMPTS", 3, 1, 20),
                Duration.ofMillis(integer("EBB_RETRY_WAIT_MS", 200, 1, 60_000)),
                seconds("EBB_BACKOFF_BASE_SECONDS", 10, 0, 43_200),
                seconds("EBB_BACKOFF_MAX_SECONDS", 300, 0, 43_200));
        if (retries.backoffMax().compareTo(retries.backoffBase()) < 0) {
            problems.add("EBB_BACKOFF_MAX_SECONDS must be at least EBB_BACKOFF_BASE_SECONDS");
        }
        var breakers = new WorkerConfig.Breakers(
                integer("EBB_BREAKER_FAILURE_RATE", 50, 1, 100),
                integer("EBB_BREAKER_WINDOW", 20, 1, 1000),
                integer("EBB_BREAKER_MIN_CALLS", 10, 1, 1000),
                seconds("EBB_BREAKER_OPEN_SECONDS", 30, 1, 3_600));
        Duration flush = Duration.ofMillis(integer("EBB_DELETE_FLUSH_MS", 200, 0, 10_000));
        int port = integer("EBB_METRICS_PORT", 9102, 0, 65_535);
        Optional<String> region = optional("EBB_REGION").or(() -> optional("AWS_REGION"));
        Optional<URI> sqsEndpoint = endpoint("EBB_SQS_ENDPOINT");
        Optional<URI> s3Endpoint = endpoint("EBB_S3_ENDPOINT");
        Boolean pathStyle = parsed("EBB_S3_PATH_STYLE", s3Endpoint.isPresent() ? "on" : "off", ConfigReader::onOff, "on or off");

        var reporting = new WorkerConfig.WorkReporting(
                seconds("EBB_WORK_REPORT_SECONDS", 60, 1, 3_600),
                optional("EBB_TASK_VCPU").map(v -> vcpus("EBB_TASK_VCPU", v)).orElse(OptionalDouble.empty()),
                optional("EBB_WORKER_METRICS_NAMESPACE").orElse("Ebb/Worker"));

        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new WorkerConfig(queueUrl, dlq, bucket, prefix, sourceBuckets, outputs, new Limits(maxBytes, maxPixels, Limits.DEFAULT.maxSide()),
                Boolean.TRUE.equals(turbo), bytesInFlight, concurrency, threads, wait, visibility, idle, idlePolls, grace, retries, breakers, flush, port,
                region, sqsEndpoint, s3Endpoint, Boolean.TRUE.equals(pathStyle), reporting);
    }

    /** Fargate's task sizes run from 0.25 to 16 vCPU; the stack passes the task definition's. */
    private OptionalDouble vcpus(String name, String text) {
        try {
            double v = Double.parseDouble(text);
            if (v >= 0.125 && v <= 192) {
                return OptionalDouble.of(v);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(name + "='" + text + "' is not allowed (allowed: the task's vCPUs, a number from 0.125 to 192, e.g. 0.5)");
        return OptionalDouble.empty();
    }

    private Optional<String> optional(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    private String required(String name, String what) {
        Optional<String> v = optional(name);
        if (v.isEmpty()) {
            problems.add(name + " is not set (required: " + what + ")");
            return "";
        }
        return v.get();
    }

    private <T> T parsed(String name, String fallback, Function<String, T> parse, String allowed) {
        String text = optional(name).orElse(fallback);
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            problems.add(name + "='" + text + "' is not allowed (allowed: " + allowed + ")");
            return null;
        }
    }

    private int integer(String name, int fallback, int min, int max) {
        return (int) longInteger(name, fallback, min, max);
    }

    private long longInteger(String name, long fallback, long min, long max) {
        Optional<String> v = optional(name);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.get());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(name + "='" + v.get() + "' is not allowed (allowed: a whole number from " + min
                + (max == Long.MAX_VALUE ? " up" : " to " + max) + ")");
        return fallback;
    }

    private Duration seconds(String name, int fallback, int min, int max) {
        return Duration.ofSeconds(integer(name, fallback, min, max));
    }

    private Optional<URI> endpoint(String name) {
        Optional<String> v = optional(name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(v.get());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        problems.add(name + "='" + v.get() + "' is not allowed (allowed: an http:// or https:// URL, e.g. http://localhost:9324)");
        return Optional.empty();
    }

    static boolean onOff(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "on", "true", "1", "yes" -> true;
            case "off", "false", "0", "no" -> false;
            default -> throw new IllegalArgumentException(text);
        };
    }
}
