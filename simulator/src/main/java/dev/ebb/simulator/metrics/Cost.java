package dev.ebb.simulator.metrics;

import dev.ebb.controller.policy.CapacityProvider;
import dev.ebb.simulator.model.Prices;

/**
 * What the tasks cost: task-hours times the task size gives vCPU-hours and GB-hours, each priced
 * per capacity provider.
 */
public record Cost(double taskMinutes, double spotTaskMinutes, double vcpuHours, double gbHours, double usd) {

    public static Cost of(Usage usage, double taskVcpu, double taskMemoryGb, Prices prices) {
        double vcpuHours = 0;
        double gbHours = 0;
        double usd = 0;
        for (CapacityProvider p : CapacityProvider.values()) {
            double hours = usage.billedMillis(p) / 3_600_000.0;
            vcpuHours += hours * taskVcpu;
            gbHours += hours * taskMemoryGb;
            usd += hours * taskVcpu * prices.vcpuHour(p) + hours * taskMemoryGb * prices.gbHour(p);
        }
        return new Cost(
                usage.totalBilledMillis() / 60_000.0,
                usage.billedMillis(CapacityProvider.FARGATE_SPOT) / 60_000.0,
                vcpuHours,
                gbHours,
                usd);
    }
}
