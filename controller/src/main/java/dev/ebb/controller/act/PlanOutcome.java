package dev.ebb.controller.act;

import dev.ebb.controller.port.LaunchFailure;
import java.util.List;

/**
 * What acting on a plan achieved.
 *
 * @param fallbackLaunched how many of {@code launched} went to FARGATE because Spot had no capacity
 */
public record PlanOutcome(
        List<String> launched, List<LaunchFailure> failures, int fallbackLaunched, List<String> stopped) {

    public static final PlanOutcome NOTHING = new PlanOutcome(List.of(), List.of(), 0, List.of());

    public PlanOutcome {
        launched = List.copyOf(launched);
        failures = List.copyOf(failures);
        stopped = List.copyOf(stopped);
    }
}
