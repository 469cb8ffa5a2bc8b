package dev.ebb.worker.observe;

import dev.ebb.image.FailureReason;
import dev.ebb.worker.poison.CrashPolicy;
import dev.ebb.worker.wire.Outcomes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The worker's own meters (Prometheus names once scraped: {@code ebb_worker_...}), shaped for the
 * two ways they leave a task (docs/worker.md, Observability):
 * <ul>
 *   <li>The CloudWatch agent turns a counter into deltas from its second scrape on, so a series
 *       first seen after that loses what it counted before: every series a dashboard or the agent
 *       reads is registered here, at 0, before the first message. Label sets that only the
 *       failures themselves name (an AWS error code) still appear on first use; they are detail
 *       for Prometheus, and the totals beside them ({@code records_total}) are complete.</li>
 *   <li>The agent drops Prometheus histograms: phase timings are summaries (count and sum,
 *       no client-side quantiles, which could not be added up across tasks anyway).</li>
 * </ul>
 * Every meter has a description (promlint wants HELP), counts in base units, and gauges hold
 * their objects strongly (Micrometer's default weak reference let the method references be
 * collected, and the gauges read NaN).
 */
public final class WorkerMetrics {

    static final List<String> PHASES = List.of("download", "render", "upload");
    static final List<String> SKIP_REASONS = List.of("folder_marker", "not_object_created", "own_output");
    /** What the worker does with a message whose worker died holding it: {@code CrashPolicy}'s first and second evidence, in that order. */
    static final List<String> CRASH_ACTIONS = List.of("processed_alone", "dead_lettered");

    private final MeterRegistry registry;
    private final Counter received;
    private final Counter testEvents;
    private final Counter bytesIn;
    private final Counter bytesOut;
    private final Map<Outcomes.OfMessage, Counter> outcomes = new EnumMap<>(Outcomes.OfMessage.class);
    private final Map<Outcomes.OfRecord, Counter> records = new EnumMap<>(Outcomes.OfRecord.class);
    private final Map<String, Timer> phases = new ConcurrentHashMap<>();
    private final Map<String, Counter> crashes = new ConcurrentHashMap<>();

    public WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.received = Counter.builder("ebb.worker.messages.received")
                .description("SQS messages received")
                .register(registry);
        this.testEvents = Counter.builder("ebb.worker.test.events")
                .description("s3:TestEvent messages deleted")
                .register(registry);
        // one HELP line covers both series of a family: it has to name both directions
        String bytes = "bytes of sources downloaded (direction=in) and of outputs uploaded (direction=out)";
        this.bytesIn = Counter.builder("ebb.worker.bytes")
                .tag("direction", "in")
                .description(bytes)
                .register(registry);
        this.bytesOut = Counter.builder("ebb.worker.bytes")
                .tag("direction", "out")
                .description(bytes)
                .register(registry);
        for (Outcomes.OfMessage outcome : Outcomes.OfMessage.values()) {
            outcomes.put(
                    outcome,
                    Counter.builder("ebb.worker.messages")
                            .tag("outcome", outcome.wire())
                            .description(
                                    "messages by how they ended: succeeded, dead_lettered, retried, released, test_event, delete_failed")
                            .register(registry));
        }
        for (Outcomes.OfRecord outcome : Outcomes.OfRecord.values()) {
            records.put(
                    outcome,
                    Counter.builder("ebb.worker.records")
                            .tag("outcome", outcome.wire())
                            .description("records (one object each) by outcome: processed, skipped or failed")
                            .register(registry));
        }
        PHASES.forEach(this::phaseTimer);
        for (FailureReason reason : FailureReason.values()) {
            failedCounter(reason.code(), true);
        }
        SKIP_REASONS.forEach(this::skippedCounter);
        failedCounter(CrashPolicy.REASON, true);
        for (String action : CRASH_ACTIONS) {
            crashes.put(
                    action,
                    Counter.builder("ebb.worker.crash.suspects")
                            .tag("action", action)
                            .description(
                                    "re-delivered messages whose last worker died holding them (its attempt marker was left): "
                                            + "processed_alone on the first such death, dead_lettered as crashed_worker on the second")
                            .register(registry));
        }
    }

    /**
     * A Prometheus registry with the JVM's meters, renamed where Micrometer's names break
     * Prometheus conventions: CPU time in seconds, not nanoseconds, and no gauge ending in {@code _count}.
     */
    public static PrometheusMeterRegistry newRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config()
                // process_cpu_time_ns_total: registered again below as process_cpu_seconds_total
                .meterFilter(MeterFilter.deny(id -> id.getName().equals("process.cpu.time")))
                // system_cpu_count is a gauge that reads like a summary's _count
                .meterFilter(new MeterFilter() {
                    @Override
                    public Meter.Id map(Meter.Id id) {
                        return id.getName().equals("system.cpu.count") ? id.withName("system.cpus") : id;
                    }
                });
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        // The same reading the work report's CPU share is taken from (TaskCpu).
        FunctionCounter.builder("process.cpu", registry, r -> TaskCpu.processCpuNanos() / 1e9)
                .baseUnit("seconds")
                .description("CPU time used by the worker's JVM")
                .register(registry);
        return registry;
    }

    /** Binds GC meters; the returned binder must be closed with the registry. */
    public static JvmGcMetrics bindGc(MeterRegistry registry) {
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        return gc;
    }

    /**
     * {@code ebb_worker_jpeg_decoder_info{decoder="turbojpeg"|"imageio"} 1}: alarm or graph on
     * {@code imageio}, the about twice slower fallback used when libturbojpeg did not load.
     */
    public void jpegDecoder(String decoder) {
        Gauge.builder("ebb.worker.jpeg.decoder.info", () -> 1)
                .tag("decoder", decoder)
                .strongReference(true)
                .description(
                        "1 for the JPEG decoder in use: turbojpeg, or imageio when libturbojpeg did not load (about half the speed)")
                .register(registry);
    }

    public void gauges(Supplier<Number> inFlight, Supplier<Number> freePermits) {
        Gauge.builder("ebb.worker.in.flight", inFlight, s -> s.get().doubleValue())
                .strongReference(true)
                .description("messages received and not yet deleted, dead-lettered or released")
                .register(registry);
        Gauge.builder("ebb.worker.permits.free", freePermits, s -> s.get().doubleValue())
                .strongReference(true)
                .description(
                        "permits free: how many more messages the worker would receive now (EBB_CONCURRENCY minus in flight)")
                .register(registry);
    }

    /** Totals for the exit line: messages received and how they ended. */
    public JsonObject summary() {
        JsonObject byOutcome = new JsonObject();
        outcomes.forEach((outcome, counter) -> {
            if (counter.count() > 0) {
                byOutcome.put(outcome.wire(), (long) counter.count());
            }
        });
        return new JsonObject().put("received", (long) received.count()).put("outcomes", byOutcome);
    }

    public void received(int n) {
        received.increment(n);
    }

    public void testEvent() {
        testEvents.increment();
    }

    /**
     * One per message, by how it ended. Its reason is not a label: reasons are
     * open-ended (AWS error codes) and per record; they are in {@code records_failed_total}, the
     * message's log line and the dead letter's attributes.
     */
    public void outcome(Outcomes.OfMessage outcome) {
        outcomes.get(outcome).increment();
    }

    /** One per processed record: its phase timings and bytes. */
    public void processed(long downloadMs, long renderMs, long uploadMs, long bytesIn, long bytesOut) {
        records.get(Outcomes.OfRecord.PROCESSED).increment();
        phaseTimer("download").record(Duration.ofMillis(downloadMs));
        phaseTimer("render").record(Duration.ofMillis(renderMs));
        phaseTimer("upload").record(Duration.ofMillis(uploadMs));
        this.bytesIn.increment((double) bytesIn);
        this.bytesOut.increment((double) bytesOut);
    }

    /** One per failed record: {@code records_failed_total{reason,kind}}. */
    public void failed(String reason, boolean permanent) {
        records.get(Outcomes.OfRecord.FAILED).increment();
        failedCounter(reason, permanent).increment();
    }

    /** A message found with a dead worker's attempt marker (the first such death), processed alone. */
    public void crashSuspectAlone() {
        crashes.get(CRASH_ACTIONS.get(0)).increment();
    }

    /** A message found with the marker of a worker that died with it alone, dead-lettered as {@code crashed_worker}. */
    public void crashSuspectDeadLettered() {
        crashes.get(CRASH_ACTIONS.get(1)).increment();
    }

    public void skipped(String reason) {
        records.get(Outcomes.OfRecord.SKIPPED).increment();
        skippedCounter(reason).increment();
    }

    private Timer phaseTimer(String phase) {
        return phases.computeIfAbsent(
                phase,
                p -> Timer.builder("ebb.worker.phase")
                        .tag("phase", p)
                        .description("time per processed record in download, render (decode+resize+encode) and upload")
                        .register(registry));
    }

    private Counter failedCounter(String reason, boolean permanent) {
        return Counter.builder("ebb.worker.records.failed")
                .tag("reason", reason)
                .tag("kind", permanent ? "permanent" : "transient")
                .description("records that failed, by reason and kind (permanent: dead-lettered; transient: retried)")
                .register(registry);
    }

    private Counter skippedCounter(String reason) {
        return Counter.builder("ebb.worker.records.skipped")
                .tag("reason", reason)
                .description("records with nothing to do, by reason: folder_marker, not_object_created, own_output")
                .register(registry);
    }
}
