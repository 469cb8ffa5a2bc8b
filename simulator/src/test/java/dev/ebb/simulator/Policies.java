package dev.ebb.simulator;

import dev.ebb.controller.policy.PolicyParser;
import dev.ebb.controller.policy.PolicyResult;
import dev.ebb.controller.policy.ScalingPolicy;

/** Policies for tests, written as the YAML users write, through the controller's own parser. */
public final class Policies {

    private Policies() {}

    /** @param spec the lines under {@code spec:}, indented by two spaces */
    public static ScalingPolicy of(String name, String spec) {
        String yaml = "apiVersion: ebb.dev/v1\nkind: ScalingPolicy\nmetadata: {name: " + name + "}\nspec:\n" + spec;
        return switch (PolicyParser.parse(yaml, name + ".yaml")) {
            case PolicyResult.Valid v -> v.policy();
            case PolicyResult.Invalid i -> throw new IllegalArgumentException(i.format());
        };
    }

    /** The shipped default, config/scaling-policy.yaml, unchanged (tests run in simulator/). */
    public static ScalingPolicy shippedDefault() {
        return switch (PolicyParser.parse(java.nio.file.Path.of("../config/scaling-policy.yaml"))) {
            case PolicyResult.Valid v -> v.policy();
            case PolicyResult.Invalid i -> throw new IllegalArgumentException(i.format());
        };
    }

    /** On-demand only, drain, in-flight counted. */
    public static ScalingPolicy onDemand(int target, int max) {
        return of("on-demand", "  targetMessagesPerTask: " + target + "\n  maxTasks: " + max + "\n");
    }

    public static ScalingPolicy spotOnly(int target, int max, boolean fallback) {
        return of(
                "spot",
                "  targetMessagesPerTask: " + target + "\n  maxTasks: " + max + "\n"
                        + "  capacityProviders: [{name: FARGATE_SPOT, weight: 1}]\n  spotFallback: " + fallback + "\n");
    }
}
