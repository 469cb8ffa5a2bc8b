package dev.ebb.controller.aws;

import dev.ebb.controller.errors.ErrorKind;
import dev.ebb.controller.port.Budget;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Retries throttling and transient AWS errors with exponential backoff, but only while the
 * invocation's budget leaves room for another wait plus a reserve; then the error goes up and the
 * next scheduled cycle tries again. The SDK's own retries are off on these clients, so this is the
 * one place that decides. Retrying RunTask is safe because every call carries a clientToken.
 */
public final class Retrying {

    /**
     * @param reserve time kept back for logging and returning after the last attempt
     */
    public record Backoff(Duration initial, Duration max, int maxAttempts, Duration reserve) {
        public static final Backoff DEFAULT =
                new Backoff(Duration.ofMillis(200), Duration.ofSeconds(3), 8, Duration.ofSeconds(5));
        /** For reads a cycle can do without (the load): a few quick tries, so ECS keeps the budget. */
        public static final Backoff BRIEF =
                new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1), 3, Duration.ofSeconds(20));
    }

    private final RetryConfig config;

    public Retrying(Backoff backoff, Budget budget) {
        Duration needed = backoff.max().plus(backoff.reserve());
        this.config = RetryConfig.custom()
                .maxAttempts(backoff.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(
                        backoff.initial().toMillis(), 2.0, 0.3, backoff.max().toMillis()))
                .retryOnException(e -> isRetryable(e) && budget.remaining().compareTo(needed) > 0)
                .build();
    }

    public <T> T call(String operation, Supplier<T> call) {
        return Retry.of(operation, config).executeSupplier(call);
    }

    /**
     * What {@link dev.ebb.controller.errors.ErrorClassifier} calls transient: throttling, 5xx, and
     * every call that got no answer. RunTask carries a clientToken, so a retried launch whose first
     * answer was lost starts nothing twice.
     */
    static boolean isRetryable(Throwable e) {
        return AwsFaults.kind(e) == ErrorKind.TRANSIENT;
    }
}
