package dev.ebb.controller.policy;

import java.time.Duration;

/** Scale-down behaviour; the window only matters for {@link ScaleDownMode#STOP_EXCESS}. */
public record ScaleDown(ScaleDownMode mode, Duration stabilizationWindow) {}
