package dev.ebb.controller.aws;

import dev.ebb.controller.policy.CapacityProvider;
import dev.ebb.controller.port.LaunchFailure;
import dev.ebb.controller.port.LaunchResult;
import dev.ebb.controller.port.TaskFleet;
import dev.ebb.controller.reconcile.Busy;
import dev.ebb.controller.reconcile.ObservedTask;
import dev.ebb.controller.reconcile.TaskState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.ContainerOverride;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.ListTasksResponse;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskOverride;

/** The fleet on ECS: ListTasks (all pages) + DescribeTasks (≤ 100 per call), RunTask (≤ 10 per call), StopTask. */
public final class EcsTaskFleet implements TaskFleet {

    /** DescribeTasks' tasks limit. */
    static final int DESCRIBE_MAX = 100;

    private final EcsClient ecs;
    private final FleetSettings settings;
    private final Retrying retrying;

    public EcsTaskFleet(EcsClient ecs, FleetSettings settings, Retrying retrying) {
        this.ecs = ecs;
        this.settings = settings;
        this.retrying = retrying;
    }

    @Override
    public List<ObservedTask> list() {
        List<String> arns = new ArrayList<>();
        String next = null;
        do {
            String token = next;
            ListTasksResponse page = retrying.call(
                    "ecs.ListTasks",
                    () -> ecs.listTasks(r -> r.cluster(settings.cluster())
                            .startedBy(settings.startedBy())
                            .desiredStatus(DesiredStatus.RUNNING)
                            .maxResults(100)
                            .nextToken(token)));
            arns.addAll(page.taskArns());
            next = page.nextToken();
        } while (next != null && !next.isEmpty());
        List<ObservedTask> tasks = new ArrayList<>();
        for (int from = 0; from < arns.size(); from += DESCRIBE_MAX) {
            List<String> batch = arns.subList(from, Math.min(arns.size(), from + DESCRIBE_MAX));
            List<Task> described = retrying.call(
                    "ecs.DescribeTasks",
                    () -> ecs.describeTasks(r -> r.cluster(settings.cluster()).tasks(batch))
                            .tasks());
            described.forEach(t -> tasks.add(observed(t)));
        }
        return tasks;
    }

    @Override
    public LaunchResult launch(CapacityProvider provider, int count, String idempotencyKey) {
        LaunchResult result = LaunchResult.NONE;
        int chunk = 0;
        for (int left = count; left > 0; left -= RUN_TASK_MAX) {
            RunTaskRequest request =
                    runTask(provider, Math.min(left, RUN_TASK_MAX), IdempotencyKeys.chunk(idempotencyKey, chunk++));
            RunTaskResponse response;
            try {
                response = retrying.call("ecs.RunTask", () -> ecs.runTask(request));
            } catch (SdkException e) {
                // Keep what earlier chunks started: the decision line must name every task launched.
                return result.plus(new LaunchResult(
                        List.of(),
                        List.of(new LaunchFailure(
                                provider.name(),
                                "RunTask failed for " + left + " tasks",
                                e.getMessage(),
                                AwsFaults.kind(e)))));
            }
            result = result.plus(new LaunchResult(
                    response.tasks().stream().map(Task::taskArn).toList(),
                    response.failures().stream()
                            .map(f -> new LaunchFailure(provider.name(), f.reason(), f.detail()))
                            .toList()));
        }
        return result;
    }

    @Override
    public void stop(String taskId, String reason) {
        retrying.call(
                "ecs.StopTask",
                () -> ecs.stopTask(
                        r -> r.cluster(settings.cluster()).task(taskId).reason(reason)));
    }

    private RunTaskRequest runTask(CapacityProvider provider, int count, String clientToken) {
        RunTaskRequest.Builder b = RunTaskRequest.builder()
                .cluster(settings.cluster())
                .taskDefinition(settings.taskDefinition())
                .count(count)
                .startedBy(settings.startedBy())
                .clientToken(clientToken)
                // One provider per call: the controller splits by itself and so knows what Spot refused.
                .capacityProviderStrategy(CapacityProviderStrategyItem.builder()
                        .capacityProvider(provider.name())
                        .weight(1)
                        .base(0)
                        .build())
                .networkConfiguration(NetworkConfiguration.builder()
                        .awsvpcConfiguration(AwsVpcConfiguration.builder()
                                .subnets(settings.subnets())
                                .securityGroups(settings.securityGroups())
                                .assignPublicIp(
                                        settings.assignPublicIp() ? AssignPublicIp.ENABLED : AssignPublicIp.DISABLED)
                                .build())
                        .build());
        if (!settings.containerName().isEmpty() && !settings.environment().isEmpty()) {
            b.overrides(TaskOverride.builder()
                    .containerOverrides(ContainerOverride.builder()
                            .name(settings.containerName())
                            .environment(settings.environment().entrySet().stream()
                                    .sorted(Map.Entry.comparingByKey())
                                    .map(e -> KeyValuePair.builder()
                                            .name(e.getKey())
                                            .value(e.getValue())
                                            .build())
                                    .toList())
                            .build())
                    .build());
        }
        return b.build();
    }

    private static ObservedTask observed(Task t) {
        Optional<CapacityProvider> provider =
                Optional.ofNullable(t.capacityProviderName()).flatMap(EcsTaskFleet::provider);
        Instant created = t.createdAt() != null ? t.createdAt() : t.startedAt() != null ? t.startedAt() : Instant.EPOCH;
        return new ObservedTask(
                t.taskArn(),
                TaskState.of(t.lastStatus()),
                provider,
                created,
                Busy.UNKNOWN,
                Optional.ofNullable(t.startedAt()));
    }

    private static Optional<CapacityProvider> provider(String name) {
        try {
            return Optional.of(CapacityProvider.valueOf(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
