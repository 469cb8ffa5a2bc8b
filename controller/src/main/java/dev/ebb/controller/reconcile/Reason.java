package dev.ebb.controller.reconcile;

/** Why a cycle did what it did; logged as the {@code reason} field and documented in docs/controller.md. */
public enum Reason {
    PAUSED,
    BELOW_ACTIVATION,
    LAUNCH,
    LAUNCH_LIMITED,
    /** Sized by work: the tasks already there finish the backlog before a new one would come up. */
    DRAINS_BEFORE_START,
    AT_MAX,
    NOTHING_TO_DO,
    DRAINING,
    STABILIZING,
    BUSY,
    STOP_EXCESS,
    /** Surplus exists but the hourly stop bound (scaleDown.maxStopsPerHour) is reached or limits the stops. */
    STOP_LIMITED
}
