package dev.ebb.controller.aws;

import java.util.Locale;

/** One entry of RunTask's {@code failures[]}. */
public record LaunchFailure(String provider, String reason, String detail) {

    /**
     * ECS answers a Fargate Spot shortage with "Capacity is unavailable at this time…"; that is the
     * one failure a relaunch on on-demand FARGATE can fix.
     */
    public boolean isCapacityShortage() {
        String r = (reason == null ? "" : reason).toLowerCase(Locale.ROOT);
        return r.contains("capacity is unavailable") || r.contains("capacity unavailable");
    }
}
