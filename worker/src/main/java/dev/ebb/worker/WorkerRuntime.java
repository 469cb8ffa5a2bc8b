package dev.ebb.worker;

import dev.ebb.image.ImageEngine;
import dev.ebb.worker.aws.AwsClients;
import dev.ebb.worker.aws.Guard;
import dev.ebb.worker.aws.S3ObjectStore;
import dev.ebb.worker.aws.S3Transfers;
import dev.ebb.worker.aws.SqsHttp;
import dev.ebb.worker.aws.SqsQueue;
import dev.ebb.worker.config.WorkerConfig;
import dev.ebb.worker.lifecycle.BucketCheck;
import dev.ebb.worker.lifecycle.StartupException;
import dev.ebb.worker.observe.DiagnosticLog;
import dev.ebb.worker.observe.HttpEndpoints;
import dev.ebb.worker.observe.OutcomeLog;
import dev.ebb.worker.observe.WorkerMetrics;
import dev.ebb.worker.poison.AttemptMarkers;
import dev.ebb.worker.poison.CrashPolicy;
import dev.ebb.worker.port.ObjectStore;
import dev.ebb.worker.port.Queue;
import dev.ebb.worker.port.QueueInfo;
import dev.ebb.worker.wire.LogLine;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link Worker} from its configuration (clients, breakers, metrics, HTTP endpoints,
 * engine), checks the queue and its dead-letter queue, starts it, and tears it all down.
 */
public final class WorkerRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerRuntime.class);

    /** Breaker and retry warnings: one line per kind at most this often. */
    private static final long DIAGNOSTIC_INTERVAL_MILLIS = 10_000;
    /** The long poll plus the delete, visibility and dead-letter calls in flight. */
    private static final int SQS_CONNECTIONS = 64;

    private final Vertx vertx;
    private final AwsClients clients;
    private final Guards guards;
    private final JvmGcMetrics gcMetrics;
    private final Worker worker;
    private final HttpServer http;
    private final PrometheusMeterRegistry registry;

    private WorkerRuntime(
            Vertx vertx,
            AwsClients clients,
            Guards guards,
            JvmGcMetrics gcMetrics,
            Worker worker,
            HttpServer http,
            PrometheusMeterRegistry registry) {
        this.vertx = vertx;
        this.clients = clients;
        this.guards = guards;
        this.gcMetrics = gcMetrics;
        this.worker = worker;
        this.http = http;
        this.registry = registry;
    }

    public static WorkerRuntime start(WorkerConfig config, PrintStream out) throws StartupException {
        return start(config, out, System.err);
    }

    /** {@code out} gets the JSON outcome lines, {@code err} the JSON diagnostics (breakers, exhausted retries). */
    public static WorkerRuntime start(WorkerConfig config, PrintStream out, PrintStream err) throws StartupException {
        CompletableFuture<ImageEngine> warmEngine = warmEngine(config.rendering());
        PrometheusMeterRegistry registry = WorkerMetrics.newRegistry();
        JvmGcMetrics gc = WorkerMetrics.bindGc(registry);
        DiagnosticLog diagnostics = new DiagnosticLog(err, DIAGNOSTIC_INTERVAL_MILLIS, System::currentTimeMillis);
        Guards guards = Guards.create(config, registry, diagnostics);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2));
        AwsClients clients = null;
        try {
            Context context = vertx.getOrCreateContext();
            clients = clients(config);
            SqsHttp sqsHttp = sqsHttp(config, vertx, clients);
            CompletableFuture<QueueInfo> described = SqsQueue.describe(
                    sqsHttp, context, guards.sqs(), config.queue().url());
            // The buckets are checked while the queue is read: a start mostly waits on round trips.
            ObjectStore store =
                    new S3ObjectStore(clients::s3, S3Transfers.create(vertx, clients, config), context, guards.s3());
            BucketCheck buckets = BucketCheck.start(
                    store, config, warning -> warn(diagnostics, "start/" + warning, "bucket_check", warning));
            Sqs sqs = sqs(config, sqsHttp, context, guards.sqs(), described);
            buckets.await();
            ImageEngine engine = join(warmEngine, "could not build the image engine");
            OutcomeLog log = new OutcomeLog(out);
            WorkerMetrics metrics = new WorkerMetrics(registry);
            metrics.jpegDecoder(engine.jpegDecoder());
            String workerId =
                    ManagementFactory.getRuntimeMXBean().getName(); // pid@host: the task's host name on Fargate
            AttemptMarkers attempts = attemptMarkers(config, store, context, sqs.info(), workerId, diagnostics);
            int visibility =
                    config.queue().visibilityTimeoutSeconds().orElse(sqs.info().visibilityTimeoutSeconds());
            Worker worker = new Worker(
                    config,
                    new Worker.Parts(
                            vertx,
                            context,
                            renderPool(vertx, config),
                            sqs.queue(),
                            store,
                            engine,
                            metrics,
                            log,
                            guards::allClosed,
                            probes(config, context, guards, store, sqs.queue()),
                            attempts),
                    visibility);
            HttpServer http = http(config, vertx, context, registry, worker);
            log.event(LogLine.Event.START, startLine(config, sqs, visibility, engine, http, workerId));
            worker.start();
            return new WorkerRuntime(vertx, clients, guards, gc, worker, http, registry);
        } catch (StartupException | RuntimeException e) {
            vertx.close();
            if (clients != null) {
                clients.close();
            }
            guards.close();
            gc.close();
            throw e instanceof StartupException se ? se : new StartupException("the worker could not start: " + e, e);
        }
    }

    /** libturbojpeg through FFM unless EBB_TURBOJPEG=false; ImageIO then (and where the library cannot load). */
    private static ImageEngine engine(WorkerConfig.Rendering rendering) {
        return rendering.turboJpeg()
                ? ImageEngine.create(rendering.limits())
                : ImageEngine.withImageIo(rendering.limits());
    }

    /**
     * The engine, built and {@linkplain ImageEngine#warmUp warmed up} on a thread of its own while
     * the start checks the queue and the buckets: that is mostly waiting on the network, and the
     * library's binding and a first render would otherwise come after it, before the first image.
     */
    private static CompletableFuture<ImageEngine> warmEngine(WorkerConfig.Rendering rendering) {
        CompletableFuture<ImageEngine> engine = new CompletableFuture<>();
        Thread.ofPlatform().name("ebb-warm-up").daemon().start(() -> {
            ImageEngine built;
            try {
                built = engine(rendering);
            } catch (RuntimeException | Error e) {
                engine.completeExceptionally(e);
                return;
            }
            try {
                if (!built.warmUp(rendering.outputs())) {
                    LOG.debug("the warm-up render did not render; the first image warms the engine instead");
                }
            } catch (RuntimeException | LinkageError e) {
                // best effort: the worker starts anyway, and a real image will show what is wrong
                LOG.warn("the warm-up render failed; the first image warms the engine instead", e);
            }
            engine.complete(built);
        });
        return engine;
    }

    /** The first stdout line: what this worker runs against and with, for the operator and {@code ebb local}. */
    private static JsonObject startLine(
            WorkerConfig config, Sqs sqs, int visibility, ImageEngine engine, HttpServer http, String workerId) {
        return new JsonObject()
                .put("queue", config.queue().url())
                .put("dead_letter_queue", sqs.deadLetterQueueUrl())
                .put("visibility_timeout_s", visibility)
                .put("max_receive_count", sqs.info().maxReceiveCount().orElse(null))
                .put("concurrency", config.capacity().concurrency())
                .put("worker_threads", config.rendering().workerThreads())
                .put("jpeg_decoder", engine.jpegDecoder())
                .put("metrics_port", http.actualPort())
                .put("worker", workerId)
                .put(
                        "attempt_markers",
                        "s3://" + config.buckets().destination() + "/"
                                + AttemptMarkers.key(config.buckets().destinationPrefix(), ""));
    }

    /** The source queue's settings, its dead-letter queue, and the queue the worker receives from. */
    private record Sqs(QueueInfo info, String deadLetterQueueUrl, Queue queue) {}

    /** The AWS clients (credentials chain, region), closed by the caller. */
    private static AwsClients clients(WorkerConfig config) throws StartupException {
        try {
            return AwsClients.create(config);
        } catch (RuntimeException e) {
            throw new StartupException("the worker could not start: " + e.getMessage(), e);
        }
    }

    private static SqsHttp sqsHttp(WorkerConfig config, Vertx vertx, AwsClients clients) {
        return new SqsHttp(
                vertx,
                SQS_CONNECTIONS,
                (config.queue().waitTimeSeconds() + 10) * 1000L,
                clients.credentials(),
                clients.region(),
                clients.sqsEndpoint());
    }

    /**
     * The SQS side, once the queue's settings are {@code described}: finds its dead-letter queue
     * (EBB_DLQ_URL, else the redrive policy's: from the queue's URL when that shows how URLs are
     * spelt, else by GetQueueUrl). The one place the SQS adapter is built.
     */
    private static Sqs sqs(
            WorkerConfig config, SqsHttp sqs, Context context, Guard sqsGuard, CompletableFuture<QueueInfo> described)
            throws StartupException {
        QueueInfo info = join(
                described,
                "could not read the attributes of EBB_QUEUE_URL="
                        + config.queue().url());
        Optional<String> known = config.queue().deadLetterUrl().or(info::deadLetterQueueUrl);
        String dlq;
        if (known.isPresent()) {
            dlq = known.get();
        } else {
            String arn = info.deadLetterQueueArn()
                    .orElseThrow(() -> new StartupException(
                            "the queue "
                                    + config.queue().url()
                                    + " has no redrive policy and EBB_DLQ_URL is not set: "
                                    + "permanent failures would have nowhere to go",
                            null));
            dlq = join(SqsQueue.urlOf(sqs, context, sqsGuard, arn), "could not find the dead-letter queue " + arn);
        }
        return new Sqs(
                info, dlq, new SqsQueue(sqs, context, sqsGuard, config.queue().url(), dlq));
    }

    /**
     * The retry and the circuit breaker around each service's calls, one {@link Guard} per
     * service (an S3 outage opens the S3 breaker only), with the scheduler their retries wait on.
     */
    private record Guards(Guard sqs, Guard s3, ScheduledExecutorService scheduler) {

        static Guards create(WorkerConfig config, PrometheusMeterRegistry registry, DiagnosticLog diagnostics) {
            CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
            RetryRegistry retries = RetryRegistry.ofDefaults();
            ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ebb-retry");
                t.setDaemon(true);
                return t;
            });
            Guards guards = new Guards(
                    guard("sqs", config, breakers, retries, scheduler, registry, diagnostics),
                    guard("s3", config, breakers, retries, scheduler, registry, diagnostics),
                    scheduler);
            TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(registry);
            TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(registry);
            return guards;
        }

        private static Guard guard(
                String service,
                WorkerConfig config,
                CircuitBreakerRegistry breakers,
                RetryRegistry retries,
                ScheduledExecutorService scheduler,
                PrometheusMeterRegistry registry,
                DiagnosticLog diagnostics) {
            return new Guard(
                    service,
                    Guard.breaker(breakers, service, config.breakers()),
                    Guard.retry(retries, service, config.retries()),
                    scheduler,
                    registry,
                    diagnostics::warn);
        }

        /** Receiving waits while either breaker is open. */
        boolean allClosed() {
            return s3.isClosed() && sqs.isClosed();
        }

        void close() {
            scheduler.shutdownNow();
        }
    }

    /** Decoding, resizing and encoding run here, never on the event loop. */
    private static WorkerExecutor renderPool(Vertx vertx, WorkerConfig config) {
        return vertx.createSharedWorkerExecutor("ebb-render", config.rendering().workerThreads(), 10, TimeUnit.MINUTES);
    }

    /** One {@link BreakerProbe} per service, run on every tick: a half-open breaker closes when its probe succeeds. */
    private static Runnable probes(
            WorkerConfig config, Context context, Guards guards, ObjectStore store, Queue queue) {
        BreakerProbe s3 = new BreakerProbe(
                context,
                () -> !guards.s3().isClosed(),
                () -> store.probe(config.buckets().destination()));
        BreakerProbe sqs = new BreakerProbe(context, () -> !guards.sqs().isClosed(), queue::probe);
        return () -> {
            s3.run();
            sqs.run();
        };
    }

    /**
     * The poison-message markers, kept with the destination; warns at start when the queue's
     * maxReceiveCount leaves no room to dead-letter a message that kills its workers with a reason.
     */
    private static AttemptMarkers attemptMarkers(
            WorkerConfig config,
            ObjectStore store,
            Context context,
            QueueInfo info,
            String workerId,
            DiagnosticLog diagnostics) {
        OptionalInt maxReceives = info.maxReceiveCount().map(OptionalInt::of).orElse(OptionalInt.empty());
        if (maxReceives.isPresent() && maxReceives.getAsInt() < CrashPolicy.RECEIVES_NEEDED) {
            diagnostics.warn(
                    "start/max_receive_count",
                    "max_receive_count",
                    new JsonObject()
                            .put("max_receive_count", maxReceives.getAsInt())
                            .put(
                                    "detail",
                                    "a message that kills its worker reaches the dead-letter queue through the redrive, without an ebb-reason: "
                                            + "the worker needs maxReceiveCount " + CrashPolicy.RECEIVES_NEEDED
                                            + " or more to dead-letter it as "
                                            + CrashPolicy.REASON + " first (docs/worker.md)"));
        }
        Consumer<String> warn = warning -> warn(diagnostics, "attempt_markers", "attempt_markers", warning);
        return new AttemptMarkers(
                store,
                context,
                config.buckets().destination(),
                config.buckets().destinationPrefix(),
                workerId,
                maxReceives,
                warn);
    }

    private static void warn(DiagnosticLog diagnostics, String key, String event, String detail) {
        diagnostics.warn(key, event, new JsonObject().put("detail", detail));
    }

    /**
     * /metrics and /health, listening from the worker's own context: their handlers then run on it,
     * the one thread that may read the worker's state ({@link ContextOwned}).
     */
    private static HttpServer http(
            WorkerConfig config, Vertx vertx, Context context, PrometheusMeterRegistry registry, Worker worker)
            throws StartupException {
        Promise<HttpServer> listening = Promise.promise();
        context.runOnContext(v -> HttpEndpoints.start(vertx, config.metricsPort(), registry, worker::health)
                .onComplete(listening));
        return join(toCompletable(listening.future()), "could not listen on EBB_METRICS_PORT=" + config.metricsPort());
    }

    private static <T> CompletableFuture<T> toCompletable(Future<T> f) {
        return f.toCompletionStage().toCompletableFuture();
    }

    private static <T> T join(CompletableFuture<T> f, String what) throws StartupException {
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException(what + ": interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new StartupException(what + ": " + cause, cause);
        }
    }

    /** The port /metrics and /health listen on (useful when configured as 0). */
    public int metricsPort() {
        return http.actualPort();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Completes with the exit code once the worker has stopped by itself or after {@link #stop}. */
    public CompletableFuture<Integer> exit() {
        return worker.exit();
    }

    /** What SIGTERM does: stop receiving, finish or release in-flight messages, exit. */
    public void stop(String reason) {
        worker.stop(reason);
    }

    /** Why the worker stopped, for the operator, when it stopped for a configuration fault. */
    public Optional<String> exitDetail() {
        return worker.exitDetail();
    }

    @Override
    public void close() {
        try {
            toCompletable(vertx.close()).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing anyway
        }
        clients.close();
        guards.close();
        gcMetrics.close();
        registry.close();
    }
}
