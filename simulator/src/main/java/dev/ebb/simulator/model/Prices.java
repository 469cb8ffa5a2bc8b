package dev.ebb.simulator.model;

import dev.ebb.controller.policy.CapacityProvider;

/**
 * Fargate prices in USD, Linux/x86. Defaults: us-east-1 on-demand list prices ($0.04048 per
 * vCPU-hour, $0.004445 per GB-hour); Fargate Spot's price floats with supply and demand, so its
 * default is the on-demand price less 70%, AWS's advertised maximum discount and close to the
 * published us-east-1 Spot price (see docs/simulator.md for the date these were checked).
 */
public record Prices(double fargateVcpuHour, double fargateGbHour, double spotVcpuHour, double spotGbHour) {

    public static final Prices US_EAST_1 = new Prices(0.04048, 0.004445, 0.012144, 0.0013335);

    public Prices {
        if (fargateVcpuHour < 0 || fargateGbHour < 0 || spotVcpuHour < 0 || spotGbHour < 0) {
            throw new IllegalArgumentException("prices cannot be negative");
        }
    }

    public double vcpuHour(CapacityProvider provider) {
        return provider.isSpot() ? spotVcpuHour : fargateVcpuHour;
    }

    public double gbHour(CapacityProvider provider) {
        return provider.isSpot() ? spotGbHour : fargateGbHour;
    }
}
