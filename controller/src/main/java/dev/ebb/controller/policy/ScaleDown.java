package dev.ebb.controller.policy;

import java.time.Duration;

/**
 * Scale-down behaviour; the window and the hourly bound only matter for
 * {@link ScaleDownMode#STOP_EXCESS}.
 *
 * @param maxStopsPerHour most tasks the controller stops within any hour, so that a wrong reading
 *     can never churn the fleet
 */
public record ScaleDown(ScaleDownMode mode, Duration stabilizationWindow, int maxStopsPerHour) {

    public ScaleDown {
        if (stabilizationWindow.isNegative()) {
            throw new IllegalArgumentException("stabilizationWindow cannot be negative, got " + stabilizationWindow);
        }
        if (maxStopsPerHour < 1) {
            throw new IllegalArgumentException("maxStopsPerHour must be at least 1, got " + maxStopsPerHour);
        }
    }

    public ScaleDown(ScaleDownMode mode, Duration stabilizationWindow) {
        this(mode, stabilizationWindow, PolicyParser.DEFAULT_MAX_STOPS_PER_HOUR);
    }
}
