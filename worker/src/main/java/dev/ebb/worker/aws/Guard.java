package dev.ebb.worker.aws;

import dev.ebb.worker.config.WorkerConfig;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Every call to one AWS service goes through here: a Resilience4j retry (transient failures only)
 * around a circuit breaker around the call, timed and counted per operation. One per service, so
 * an S3 outage opens the S3 breaker only. Breaker state changes and calls whose retries ran out
 * are told to {@link Warnings} (the worker's diagnostic log: stderr, rate-limited).
 */
public final class Guard {

    /**
     * Where a breaker's state changes and exhausted retries are told: {@code observe.DiagnosticLog::warn}.
     * A function, not the log itself, so the adapters need nothing from {@code observe/}, which
     * reads the stages' results.
     */
    @FunctionalInterface
    public interface Warnings {
        /** A {@code warn} line named {@code event}, rate-limited per {@code key}. */
        void warn(String key, String event, JsonObject fields);
    }

    private static final long CLOSED_CHECK_MILLIS = 250;

    private final String service;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final ScheduledExecutorService scheduler;
    private final MeterRegistry registry;

    public Guard(
            String service,
            CircuitBreaker breaker,
            Retry retry,
            ScheduledExecutorService scheduler,
            MeterRegistry registry,
            Warnings diagnostics) {
        this.service = service;
        this.breaker = breaker;
        this.retry = retry;
        this.scheduler = scheduler;
        this.registry = registry;
        breaker.getEventPublisher()
                .onStateTransition(e -> diagnostics.warn(
                        service + "/breaker/" + e.getStateTransition().getToState(),
                        "breaker",
                        new JsonObject()
                                .put("service", service)
                                .put(
                                        "from",
                                        e.getStateTransition().getFromState().name())
                                .put("to", e.getStateTransition().getToState().name())
                                .put(
                                        "meaning",
                                        switch (e.getStateTransition().getToState()) {
                                            case OPEN ->
                                                service
                                                        + " is failing: no message is received and calls in flight wait until a probe succeeds";
                                            case HALF_OPEN -> "probing " + service;
                                            case CLOSED -> service + " answers again: receiving resumes";
                                            default -> "";
                                        })));
        retry.getEventPublisher()
                .onError(e -> diagnostics.warn(
                        service + "/retries",
                        "retries_exhausted",
                        new JsonObject()
                                .put("service", service)
                                .put("attempts", e.getNumberOfRetryAttempts())
                                .put("error", String.valueOf(e.getLastThrowable()))));
    }

    public static CircuitBreaker breaker(CircuitBreakerRegistry breakers, String service, WorkerConfig.Breakers b) {
        return breakers.circuitBreaker(
                service,
                CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(b.windowCalls())
                        .minimumNumberOfCalls(Math.min(b.minimumCalls(), b.windowCalls()))
                        .failureRateThreshold(b.failureRatePercent())
                        .waitDurationInOpenState(b.openFor())
                        .automaticTransitionFromOpenToHalfOpenEnabled(true)
                        .permittedNumberOfCallsInHalfOpenState(1)
                        .recordException(Faults::isTransient)
                        .build());
    }

    public static Retry retry(RetryRegistry retries, String service, WorkerConfig.Retries r) {
        return retries.retry(
                service,
                RetryConfig.custom()
                        .maxAttempts(r.attempts())
                        .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(r.firstWait(), 2.0, 0.5))
                        .retryOnException(Faults::isTransient)
                        .failAfterMaxAttempts(false)
                        .build());
    }

    public boolean isClosed() {
        return breaker.getState() == CircuitBreaker.State.CLOSED;
    }

    /**
     * Retried on transient failures, through the breaker. While the breaker is open the call waits
     * for it to close (the worker's probe closes it when the service answers again) instead of
     * failing: a message in flight during an outage is kept, not sent back to burn a receive.
     */
    public <T> CompletableFuture<T> call(String operation, Supplier<CompletableFuture<T>> call) {
        return retry.executeCompletionStage(scheduler, () -> once(operation, call))
                .toCompletableFuture()
                .exceptionallyCompose(e -> Faults.unwrap(e) instanceof CallNotPermittedException
                        ? whenClosed().thenCompose(v -> call(operation, call))
                        : CompletableFuture.failedFuture(e));
    }

    private CompletableFuture<Void> whenClosed() {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        var check = scheduler.scheduleWithFixedDelay(
                () -> {
                    if (isClosed()) {
                        closed.complete(null);
                    }
                },
                CLOSED_CHECK_MILLIS,
                CLOSED_CHECK_MILLIS,
                TimeUnit.MILLISECONDS);
        return closed.whenComplete((v, e) -> check.cancel(false));
    }

    /** Through the breaker, not retried (the caller has its own loop, e.g. the poller). */
    public <T> CompletableFuture<T> once(String operation, Supplier<CompletableFuture<T>> call) {
        return breaker.executeCompletionStage(() -> timed(operation, call)).toCompletableFuture();
    }

    private <T> CompletableFuture<T> timed(String operation, Supplier<CompletableFuture<T>> call) {
        Timer.Sample sample = Timer.start(registry);
        CompletableFuture<T> f;
        try {
            f = call.get();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        return f.whenComplete((v, e) -> sample.stop(Timer.builder("ebb.worker.aws.call")
                .description("S3 and SQS requests (each attempt), by outcome")
                .tags("service", service, "operation", operation, "outcome", e == null ? "ok" : "error")
                .register(registry)));
    }
}
