package dev.ebb.controller.port;

import dev.ebb.controller.errors.ErrorKind;
import java.util.Locale;
import java.util.Objects;

/**
 * One entry of RunTask's {@code failures[]}, or a RunTask (StopTask) call that raised.
 *
 * @param kind what the failure means for the next cycle: from the exception when the call raised
 *     (a task definition that is gone is terminal); transient for an entry of {@code failures[]},
 *     which on Fargate is a capacity shortage
 */
public record LaunchFailure(String provider, String reason, String detail, ErrorKind kind) {

    public LaunchFailure {
        Objects.requireNonNull(kind, "kind");
    }

    /** An entry of RunTask's {@code failures[]}. */
    public LaunchFailure(String provider, String reason, String detail) {
        this(provider, reason, detail, ErrorKind.TRANSIENT);
    }

    /**
     * ECS answers a Fargate Spot shortage with "Capacity is unavailable at this time…"; that is the
     * one failure a relaunch on on-demand FARGATE can fix.
     */
    public boolean isCapacityShortage() {
        String r = (reason == null ? "" : reason).toLowerCase(Locale.ROOT);
        return r.contains("capacity is unavailable") || r.contains("capacity unavailable");
    }
}
