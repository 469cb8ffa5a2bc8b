package dev.ebb.controller.aws;

import java.util.List;
import java.util.Map;

/**
 * Deployment wiring for RunTask: comes from the environment, never from the policy.
 *
 * @param startedBy ECS's startedBy tag of this controller's tasks; how it finds them again (≤ 36 chars)
 * @param containerName the worker container that receives {@code environment} as overrides; empty = none
 */
public record FleetSettings(
        String cluster,
        String taskDefinition,
        List<String> subnets,
        List<String> securityGroups,
        boolean assignPublicIp,
        String startedBy,
        String containerName,
        Map<String, String> environment) {

    public FleetSettings {
        subnets = List.copyOf(subnets);
        securityGroups = List.copyOf(securityGroups);
        environment = Map.copyOf(environment);
    }

    /** Identifies this deployment in idempotency keys. */
    public String deployment() {
        return cluster + "|" + taskDefinition + "|" + startedBy;
    }
}
