package dev.ebb.worker;

import dev.ebb.image.ImageEngine;
import dev.ebb.worker.aws.AwsClients;
import dev.ebb.worker.aws.Guard;
import dev.ebb.worker.aws.QueueInfo;
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
import dev.ebb.worker.wire.LogLine;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Builds a {@link Worker} from its configuration (clients, breakers, metrics, HTTP endpoints,
 * engine), checks the queue and its dead-letter queue, starts it, and tears it all down.
 */
public final class WorkerRuntime implements AutoCloseable {

    private final Vertx vertx;
    /** Long polls (one per ten permits) plus delete and visibility batches in flight. */
    private static final int SQS_CONNECTIONS = 64;
    /** Breaker and retry warnings: one line per kind at most this often. */
    private static final long DIAGNOSTIC_INTERVAL_MILLIS = 10_000;

    private final AwsClients clients;
    private final ScheduledExecutorService retryScheduler;
    private final JvmGcMetrics gcMetrics;
    private final Worker worker;
    private final HttpServer http;
    private final PrometheusMeterRegistry registry;

    private WorkerRuntime(
            Vertx vertx,
            AwsClients clients,
            ScheduledExecutorService retryScheduler,
            JvmGcMetrics gcMetrics,
            Worker worker,
            HttpServer http,
            PrometheusMeterRegistry registry) {
        this.vertx = vertx;
        this.clients = clients;
        this.retryScheduler = retryScheduler;
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
        PrometheusMeterRegistry registry = WorkerMetrics.newRegistry();
        JvmGcMetrics gc = WorkerMetrics.bindGc(registry);

        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
        RetryRegistry retries = RetryRegistry.ofDefaults();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ebb-retry");
            t.setDaemon(true);
            return t;
        });
        DiagnosticLog diagnostics = new DiagnosticLog(err, DIAGNOSTIC_INTERVAL_MILLIS, System::currentTimeMillis);
        Guard sqsGuard = new Guard(
                "sqs",
                Guard.breaker(breakers, "sqs", config.breakers()),
                Guard.retry(retries, "sqs", config.retries()),
                scheduler,
                registry,
                diagnostics);
        Guard s3Guard = new Guard(
                "s3",
                Guard.breaker(breakers, "s3", config.breakers()),
                Guard.retry(retries, "s3", config.retries()),
                scheduler,
                registry,
                diagnostics);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(registry);
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(registry);

        AwsClients clients;
        try {
            clients = AwsClients.create(config);
        } catch (RuntimeException e) {
            scheduler.shutdownNow();
            gc.close();
            throw new StartupException("the worker could not start: " + e.getMessage(), e);
        }
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2));
        Context context = vertx.getOrCreateContext();
        SqsHttp sqs = new SqsHttp(
                vertx,
                SQS_CONNECTIONS,
                (config.waitTimeSeconds() + 10) * 1000L,
                clients.credentials(),
                clients.region(),
                config.sqsEndpoint());
        try {
            QueueInfo info = join(
                    SqsQueue.describe(sqs, context, sqsGuard, config.queueUrl()),
                    "could not read the attributes of EBB_QUEUE_URL=" + config.queueUrl());
            String dlq = config.deadLetterQueueUrl().isPresent()
                    ? config.deadLetterQueueUrl().get()
                    : join(
                            SqsQueue.urlOf(
                                    sqs,
                                    context,
                                    sqsGuard,
                                    info.deadLetterQueueArn()
                                            .orElseThrow(() -> new StartupException(
                                                    "the queue " + config.queueUrl()
                                                            + " has no redrive policy and EBB_DLQ_URL is not set: "
                                                            + "permanent failures would have nowhere to go",
                                                    null))),
                            "could not find the dead-letter queue "
                                    + info.deadLetterQueueArn().orElse(""));
            int visibility = config.visibilityTimeoutSeconds().orElse(info.visibilityTimeoutSeconds());
            SqsQueue queue = new SqsQueue(sqs, context, sqsGuard, config.queueUrl(), dlq);
            S3ObjectStore store =
                    new S3ObjectStore(clients::s3, S3Transfers.create(vertx, clients, config), context, s3Guard);
            BucketCheck.run(
                    store,
                    config,
                    warning -> diagnostics.warn(
                            "start/" + warning, "bucket_check", new JsonObject().put("detail", warning)));
            ImageEngine engine =
                    config.turboJpeg() ? ImageEngine.create(config.limits()) : ImageEngine.withImageIo(config.limits());
            WorkerExecutor pool =
                    vertx.createSharedWorkerExecutor("ebb-render", config.workerThreads(), 10, TimeUnit.MINUTES);
            OutcomeLog log = new OutcomeLog(out);
            boolean[] probing = new boolean[2];
            Runnable probes = () -> {
                probe(probing, 0, !s3Guard.isClosed(), () -> store.probe(config.destinationBucket()), context);
                probe(probing, 1, !sqsGuard.isClosed(), queue::probe, context);
            };
            WorkerMetrics metrics = new WorkerMetrics(registry);
            metrics.jpegDecoder(engine.jpegDecoder());
            OptionalInt maxReceives =
                    info.maxReceiveCount().map(OptionalInt::of).orElse(OptionalInt.empty());
            String workerId =
                    ManagementFactory.getRuntimeMXBean().getName(); // pid@host: the task's host name on Fargate
            AttemptMarkers attempts = new AttemptMarkers(
                    store,
                    context,
                    config.destinationBucket(),
                    config.destinationPrefix(),
                    workerId,
                    maxReceives,
                    warning -> diagnostics.warn(
                            "attempt_markers", "attempt_markers", new JsonObject().put("detail", warning)));
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
            Worker worker = new Worker(
                    config,
                    new Worker.Parts(
                            vertx,
                            context,
                            pool,
                            queue,
                            store,
                            engine,
                            metrics,
                            log,
                            () -> s3Guard.isClosed() && sqsGuard.isClosed(),
                            probes,
                            attempts),
                    visibility);
            HttpServer http = join(
                    HttpEndpoints.start(vertx, config.metricsPort(), registry, worker::health)
                            .toCompletionStage()
                            .toCompletableFuture(),
                    "could not listen on EBB_METRICS_PORT=" + config.metricsPort());
            log.event(
                    LogLine.Event.START,
                    new JsonObject()
                            .put("queue", config.queueUrl())
                            .put("dead_letter_queue", dlq)
                            .put("visibility_timeout_s", visibility)
                            .put("max_receive_count", info.maxReceiveCount().orElse(null))
                            .put("concurrency", config.concurrency())
                            .put("worker_threads", config.workerThreads())
                            .put("jpeg_decoder", engine.jpegDecoder())
                            .put("metrics_port", http.actualPort())
                            .put("worker", workerId)
                            .put(
                                    "attempt_markers",
                                    "s3://" + config.destinationBucket() + "/"
                                            + AttemptMarkers.key(config.destinationPrefix(), "")));
            worker.start();
            return new WorkerRuntime(vertx, clients, scheduler, gc, worker, http, registry);
        } catch (StartupException | RuntimeException e) {
            vertx.close();
            clients.close();
            scheduler.shutdownNow();
            gc.close();
            throw e instanceof StartupException se ? se : new StartupException("the worker could not start: " + e, e);
        }
    }

    private static void probe(
            boolean[] pending,
            int i,
            boolean needed,
            java.util.function.Supplier<CompletableFuture<Void>> call,
            Context context) {
        if (!needed || pending[i]) {
            return;
        }
        pending[i] = true;
        // Its outcome is the breaker's business (Guard records it); here it only ends the probe.
        var _ = call.get().whenComplete((v, e) -> context.runOnContext(x -> pending[i] = false));
    }

    private static <T> T join(CompletableFuture<T> f, String what) throws StartupException {
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException(what + ": interrupted", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
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
    public java.util.Optional<String> exitDetail() {
        return worker.exitDetail();
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing anyway
        }
        clients.close();
        retryScheduler.shutdownNow();
        gcMetrics.close();
        registry.close();
    }
}
