package dev.ebb.simulator;

import dev.ebb.controller.policy.ScalingPolicy;
import dev.ebb.simulator.arrivals.Arrivals;
import dev.ebb.simulator.engine.Simulation;
import dev.ebb.simulator.model.ModelParameters;
import dev.ebb.simulator.model.Prices;
import java.util.List;

/** Runs several policies against the same load and model, one simulation each (in parallel: they share nothing). */
public final class Simulator {

    private Simulator() {}

    public static List<RunResult> compare(
            List<ScalingPolicy> policies,
            ModelParameters model,
            Prices prices,
            Arrivals arrivals,
            long durationMillis) {
        return policies.parallelStream()
                .map(policy -> Simulation.run(policy, model, prices, arrivals, durationMillis))
                .toList();
    }
}
