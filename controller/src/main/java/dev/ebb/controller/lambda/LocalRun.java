package dev.ebb.controller.lambda;

import dev.ebb.controller.port.Budget;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/** One cycle outside Lambda (the CLI), through the same code path as the handler. */
public final class LocalRun {

    private LocalRun() {}

    public static Decision reconcile(Map<String, String> env, Instant scheduledAt, Budget budget, boolean dryRun) {
        return new ControllerHandler(env, line -> {}, Clock.systemUTC()).reconcile(scheduledAt, budget, dryRun);
    }
}
