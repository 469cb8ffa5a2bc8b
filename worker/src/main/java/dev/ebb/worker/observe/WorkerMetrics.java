package dev.ebb.worker.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The worker's own meters (names are Prometheus-style once scraped: {@code ebb_worker_...}).
 * Resilience4j's breaker and retry meters and the JVM's are bound next to these in {@code Worker}.
 */
public final class WorkerMetrics {

    private final MeterRegistry registry;
    private final Counter received;
    private final Counter testEvents;
    private final Counter bytesIn;
    private final Counter bytesOut;

    public WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.received = Counter.builder("ebb.worker.messages.received").description("SQS messages received").register(registry);
        this.testEvents = Counter.builder("ebb.worker.test.events").description("s3:TestEvent messages deleted").register(registry);
        this.bytesIn = Counter.builder("ebb.worker.bytes").tag("direction", "in").description("source bytes downloaded").register(registry);
        this.bytesOut = Counter.builder("ebb.worker.bytes").tag("direction", "out").description("output bytes uploaded").register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /**
     * {@code ebb_worker_jpeg_decoder_info{decoder="turbojpeg"|"imageio"} 1}: alarm or graph on
     * {@code imageio}, the about twice slower fallback used when libturbojpeg did not load.
     */
    public void jpegDecoder(String decoder) {
        registry.gauge("ebb.worker.jpeg.decoder.info", java.util.List.of(io.micrometer.core.instrument.Tag.of("decoder", decoder)), 1);
    }

    public void gauges(Supplier<Number> inFlight, Supplier<Number> freePermits) {
        registry.gauge("ebb.worker.in.flight", java.util.List.of(), inFlight, s -> s.get().doubleValue());
        registry.gauge("ebb.worker.permits.free", java.util.List.of(), freePermits, s -> s.get().doubleValue());
    }

    /** Totals for the exit line: messages received and how they ended. */
    public io.vertx.core.json.JsonObject summary() {
        io.vertx.core.json.JsonObject outcomes = new io.vertx.core.json.JsonObject();
        registry.find("ebb.worker.messages").counters().forEach(c ->
                outcomes.put(c.getId().getTag("outcome"), outcomes.getLong(c.getId().getTag("outcome"), 0L) + (long) c.count()));
        return new io.vertx.core.json.JsonObject().put("received", (long) received.count()).put("outcomes", outcomes);
    }

    public void received(int n) {
        received.increment(n);
    }

    public void testEvent() {
        testEvents.increment();
    }

    /** One per message: {@code succeeded}, {@code dead_lettered}, {@code retried}, {@code released}, {@code test_event}. */
    public void outcome(String outcome, String reason) {
        Counter.builder("ebb.worker.messages").tag("outcome", outcome).tag("reason", reason == null ? "" : reason)
                .description("messages by how they ended").register(registry).increment();
    }

    /** One per failed record: {@code failed{reason}}. */
    public void failed(String reason, boolean permanent) {
        Counter.builder("ebb.worker.records.failed").tag("reason", reason).tag("kind", permanent ? "permanent" : "transient")
                .description("records that failed, by reason").register(registry).increment();
    }

    public void skipped(String reason) {
        Counter.builder("ebb.worker.records.skipped").tag("reason", reason).register(registry).increment();
    }

    public void phase(String phase, long millis) {
        Timer.builder("ebb.worker.phase").tag("phase", phase).publishPercentileHistogram()
                .description("time per record in download, render (decode+resize+encode) and upload")
                .register(registry).record(Duration.ofMillis(millis));
    }

    public void bytes(long in, long out) {
        bytesIn.increment(in);
        bytesOut.increment(out);
    }
}
