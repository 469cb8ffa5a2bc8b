package dev.ebb.controller.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebb.controller.policy.CapacityProvider;
import dev.ebb.controller.port.Budget;
import dev.ebb.controller.port.LaunchFailure;
import dev.ebb.controller.port.LaunchResult;
import dev.ebb.controller.reconcile.ObservedTask;
import dev.ebb.controller.reconcile.TaskState;
import dev.ebb.controller.testing.EcsStub;
import dev.ebb.controller.testing.EcsStub.Answer;
import dev.ebb.controller.testing.EcsStub.Call;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The ECS adapter against a local stub, ONLY for what moto cannot do: moto ignores ListTasks
 * maxResults/nextToken and RunTask's clientToken, never answers RunTask with failures[], and never
 * throttles. Everything else about the adapter is tested against moto in EcsTaskFleetIT.
 */
class EcsTaskFleetStubIT {

    private static final Retrying.Backoff FAST =
            new Retrying.Backoff(Duration.ofMillis(5), Duration.ofMillis(20), 8, Duration.ZERO);
    private EcsStub stub;
    private EcsClient ecs;

    private EcsTaskFleet fleet(Function<Call, Answer> script, Budget budget) throws Exception {
        stub = new EcsStub(script);
        ecs = AwsClients.ecs(Optional.of(Region.US_EAST_1), Optional.of(stub.endpoint()));
        return new EcsTaskFleet(
                ecs,
                new FleetSettings(
                        "ebb",
                        "ebb-worker:1",
                        List.of("subnet-1"),
                        List.of("sg-1"),
                        false,
                        "ebb-controller",
                        "worker",
                        java.util.Map.of()),
                new Retrying(FAST, budget));
    }

    @AfterEach
    void close() {
        ecs.close();
        stub.close();
    }

    @Test
    void readsEveryListTasksPageAndDescribesInBatchesOfAHundred() throws Exception {
        List<String> arns = IntStream.range(0, 250)
                .mapToObj(i -> "arn:aws:ecs:us-east-1:1:task/ebb/t" + i)
                .toList();
        EcsTaskFleet fleet = fleet(
                call -> switch (call.action()) {
                    case "ListTasks" -> {
                        int from = call.body().has("nextToken")
                                ? Integer.parseInt(call.body().get("nextToken").asText())
                                : 0;
                        int to = Math.min(arns.size(), from + 100);
                        String next = to < arns.size() ? ",\"nextToken\":\"" + to + "\"" : "";
                        yield Answer.ok("{\"taskArns\":" + json(arns.subList(from, to)) + next + "}");
                    }
                    case "DescribeTasks" ->
                        Answer.ok("{\"tasks\":["
                                + String.join(
                                        ",",
                                        strings(call.body().get("tasks")).stream()
                                                .map(
                                                        a -> "{\"taskArn\":\"" + a
                                                                + "\",\"lastStatus\":\"PENDING\",\"capacityProviderName\":\"FARGATE_SPOT\",\"createdAt\":1767268800}")
                                                .toList())
                                + "],\"failures\":[]}");
                    default -> new Answer(400, "{\"__type\":\"InvalidParameterException\",\"message\":\"unexpected\"}");
                },
                Budget.fixed(Duration.ofSeconds(30)));

        List<ObservedTask> tasks = fleet.list();

        assertThat(tasks).hasSize(250).extracting(ObservedTask::id).containsExactlyElementsOf(arns);
        assertThat(tasks.getFirst())
                .isEqualTo(new ObservedTask(
                        arns.getFirst(),
                        TaskState.PENDING,
                        Optional.of(CapacityProvider.FARGATE_SPOT),
                        Instant.parse("2026-01-01T12:00:00Z"),
                        dev.ebb.controller.reconcile.Busy.UNKNOWN));
        assertThat(stub.calls("ListTasks")).hasSize(3).allSatisfy(c -> {
            assertThat(c.body().get("startedBy").asText()).isEqualTo("ebb-controller");
            assertThat(c.body().get("desiredStatus").asText()).isEqualTo("RUNNING");
        });
        assertThat(stub.calls("DescribeTasks"))
                .extracting(c -> c.body().get("tasks").size())
                .containsExactly(100, 100, 50);
    }

    @Test
    void launchesInChunksOfTenWithOneClientTokenPerChunkStableAcrossRetries() throws Exception {
        EcsTaskFleet fleet = fleet(EcsTaskFleetStubIT::runAll, Budget.fixed(Duration.ofSeconds(30)));

        LaunchResult first = fleet.launch(CapacityProvider.FARGATE, 23, "ebb-abcd-1767268800-FARGATE");
        fleet.launch(CapacityProvider.FARGATE, 23, "ebb-abcd-1767268800-FARGATE");

        assertThat(first.started()).hasSize(23);
        List<Call> runs = stub.calls("RunTask");
        assertThat(runs).extracting(c -> c.body().get("count").asInt()).containsExactly(10, 10, 3, 10, 10, 3);
        assertThat(runs)
                .extracting(c -> c.body().get("clientToken").asText())
                .containsExactly(
                        "ebb-abcd-1767268800-FARGATE-0",
                        "ebb-abcd-1767268800-FARGATE-1",
                        "ebb-abcd-1767268800-FARGATE-2",
                        "ebb-abcd-1767268800-FARGATE-0",
                        "ebb-abcd-1767268800-FARGATE-1",
                        "ebb-abcd-1767268800-FARGATE-2");
        assertThat(runs.getFirst().body().get("capacityProviderStrategy").toString())
                .isEqualTo("[{\"capacityProvider\":\"FARGATE\",\"weight\":1,\"base\":0}]");
        assertThat(runs.getFirst()
                        .body()
                        .at("/networkConfiguration/awsvpcConfiguration/assignPublicIp")
                        .asText())
                .isEqualTo("DISABLED");
    }

    @Test
    void reportsRunTaskFailuresWithReason() throws Exception {
        EcsTaskFleet fleet = fleet(call -> Answer.ok("""
                {"tasks":[{"taskArn":"arn:t1"}],"failures":[{"arn":"arn:cp/FARGATE_SPOT","reason":"Capacity is unavailable at this time. Please try again later or in a different availability zone"},
                 {"reason":"RESOURCE:ENI","detail":"no ENI"}]}"""), Budget.fixed(Duration.ofSeconds(30)));

        LaunchResult result = fleet.launch(CapacityProvider.FARGATE_SPOT, 3, "k");

        assertThat(result.started()).containsExactly("arn:t1");
        assertThat(result.failures())
                .extracting(LaunchFailure::isCapacityShortage)
                .containsExactly(true, false);
        assertThat(result.failures()).extracting(LaunchFailure::provider).containsOnly("FARGATE_SPOT");
    }

    @Test
    void aChunkThatFailsKeepsTheTasksEarlierChunksStarted() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        EcsTaskFleet fleet = fleet(
                call -> calls.incrementAndGet() == 2
                        ? new Answer(
                                400,
                                "{\"__type\":\"ClientException\",\"message\":\"Tasks provisioning capacity limit exceeded.\"}")
                        : runAll(call),
                Budget.fixed(Duration.ofSeconds(30)));

        LaunchResult result = fleet.launch(CapacityProvider.FARGATE, 25, "k");

        assertThat(result.started()).hasSize(10);
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.reason()).isEqualTo("RunTask failed for 15 tasks");
            assertThat(f.detail()).contains("capacity limit exceeded");
        });
        assertThat(stub.calls("RunTask")).hasSize(2);
    }

    @Test
    void retriesThrottlingWithinTheBudget() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        EcsTaskFleet fleet = fleet(
                call -> calls.incrementAndGet() <= 2 ? Answer.throttled() : runAll(call),
                Budget.fixed(Duration.ofSeconds(30)));

        LaunchResult result = fleet.launch(CapacityProvider.FARGATE, 2, "k");

        assertThat(result.started()).hasSize(2);
        assertThat(stub.calls("RunTask"))
                .hasSize(3)
                .extracting(c -> c.body().get("clientToken").asText())
                .containsOnly("k-0");
    }

    @Test
    void givesUpOnThrottlingWhenTheBudgetIsSpent() throws Exception {
        EcsTaskFleet fleet = fleet(call -> Answer.throttled(), () -> Duration.ZERO);

        assertThatThrownBy(fleet::list)
                .isInstanceOfSatisfying(
                        AwsServiceException.class,
                        e -> assertThat(e.isThrottlingException()).isTrue());
        assertThat(stub.calls("ListTasks")).hasSize(1);
    }

    @Test
    void doesNotRetryClientErrors() throws Exception {
        EcsTaskFleet fleet = fleet(
                call -> new Answer(400, "{\"__type\":\"ClusterNotFoundException\",\"message\":\"no cluster\"}"),
                Budget.fixed(Duration.ofSeconds(30)));

        assertThatThrownBy(fleet::list).isInstanceOf(AwsServiceException.class).hasMessageContaining("no cluster");
        assertThat(stub.calls()).hasSize(1);
    }

    private static Answer runAll(Call call) {
        int count = call.body().get("count").asInt();
        String token = call.body().get("clientToken").asText();
        List<String> tasks = IntStream.range(0, count)
                .mapToObj(i -> "{\"taskArn\":\"arn:" + token + "/" + i + "\"}")
                .toList();
        return Answer.ok("{\"tasks\":[" + String.join(",", tasks) + "],\"failures\":[]}");
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String json(List<String> values) {
        return "[" + String.join(",", values.stream().map(v -> "\"" + v + "\"").toList()) + "]";
    }
}
