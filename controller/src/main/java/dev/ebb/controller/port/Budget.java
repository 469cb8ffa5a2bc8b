package dev.ebb.controller.port;

import java.time.Duration;
import java.util.function.LongSupplier;

/** Time left in this invocation; retries stop while there is still time to log and return. */
@FunctionalInterface
public interface Budget {

    Duration remaining();

    /** From Lambda's {@code Context::getRemainingTimeInMillis}. */
    static Budget ofMillis(LongSupplier remainingMillis) {
        return () -> Duration.ofMillis(remainingMillis.getAsLong());
    }

    static Budget fixed(Duration total) {
        long deadline = System.nanoTime() + total.toNanos();
        return () -> Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }
}
