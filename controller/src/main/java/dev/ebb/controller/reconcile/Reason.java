package dev.ebb.controller.reconcile;

/** Why a cycle did what it did; logged as the {@code reason} field and documented in docs/controller.md. */
public enum Reason {
    PAUSED,
    BELOW_ACTIVATION,
    LAUNCH,
    LAUNCH_LIMITED,
    AT_MAX,
    NOTHING_TO_DO,
    DRAINING,
    STABILIZING,
    BUSY,
    STOP_EXCESS
}
