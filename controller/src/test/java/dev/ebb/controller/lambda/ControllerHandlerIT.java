package dev.ebb.controller.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ebb.controller.aws.AwsClients;
import dev.ebb.controller.testing.EcsWorld;
import dev.ebb.controller.testing.TestContext;
import dev.ebb.emulators.EmbeddedSqs;
import dev.ebb.emulators.MotoServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The whole Lambda, in-process, against ElasticMQ (SQS) and moto (ECS). */
class ControllerHandlerIT {

    private static final Instant TICK = Instant.parse("2026-01-01T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static MotoServer moto;
    private static EmbeddedSqs elasticMq;
    private static EcsClient ecs;
    private static SqsClient sqs;

    private EcsWorld world;
    private String queueUrl;
    private final Map<String, String> env = new HashMap<>();
    private final List<String> logged = new ArrayList<>();

    @BeforeAll
    static void emulators() throws Exception {
        moto = MotoServer.shared();
        ecs = AwsClients.ecs(Optional.of(Region.US_EAST_1), Optional.of(moto.endpoint()));
        elasticMq = EmbeddedSqs.start();
        sqs = AwsClients.sqs(Optional.of(Region.US_EAST_1), Optional.of(elasticMq.endpoint()));
    }

    @AfterAll
    static void close() {
        ecs.close();
        sqs.close();
        elasticMq.close();
    }

    @BeforeEach
    void world() throws Exception {
        world = EcsWorld.create(moto, ecs);
        queueUrl = sqs.createQueue(r -> r.queueName("ebb-" + UUID.randomUUID())).queueUrl();
        env.putAll(world.controllerEnv(queueUrl, elasticMq.endpoint(), moto.endpoint()));
    }

    @Test
    void launchesExactlyWhatTheQueueNeedsAndNothingMoreOnTheNextTick() throws Exception {
        // the message-count rule makes the count exact to check (10 per task, one on-demand base)
        env.put("EBB_POLICY_FILE", config("examples/message-count.yaml").toString());
        send(25);
        ControllerHandler handler = handler();

        JsonNode first = invoke(handler, TICK);

        assertThat(first.get("status").asText()).as(first.toString()).isEqualTo("ok");
        assertThat(first.get("reason").asText()).isEqualTo("LAUNCH");
        assertThat(first.get("desired").asInt()).isEqualTo(3);
        assertThat(first.get("launchedTaskIds")).hasSize(3);
        List<Task> tasks = ourTasks();
        assertThat(tasks).hasSize(3);
        assertThat(tasks.stream().collect(Collectors.groupingBy(Task::capacityProviderName, Collectors.counting())))
                .isEqualTo(Map.of("FARGATE_SPOT", 2L, "FARGATE", 1L));
        assertThat(tasks).allSatisfy(t -> {
            assertThat(t.startedBy()).isEqualTo("ebb-controller");
            assertThat(t.overrides()
                            .containerOverrides()
                            .getFirst()
                            .environment()
                            .getFirst()
                            .value())
                    .isEqualTo(queueUrl);
        });

        JsonNode second = invoke(handler, TICK.plusSeconds(120));

        assertThat(second.get("reason").asText()).as(second.toString()).isEqualTo("NOTHING_TO_DO");
        assertThat(second.get("active").asInt()).isEqualTo(3);
        assertThat(second.get("LaunchedTasks").asInt()).isZero();
        assertThat(ourTasks()).hasSize(3);
    }

    @Test
    void dryRunLogsThePlanAndLaunchesNothing() throws Exception {
        send(25);
        env.put("EBB_DRY_RUN", "true");

        JsonNode line = invoke(handler(), TICK);

        assertThat(line.get("dryRun").asBoolean()).isTrue();
        assertThat(line.get("action").asText()).isEqualTo("launch");
        assertThat(line.get("LaunchedTasks").asInt()).isZero();
        assertThat(ourTasks()).isEmpty();
    }

    /** A dry-run flag it cannot read is bad settings: once taken for "false", so the controller acted for real. */
    @Test
    void aDryRunFlagItCannotReadActsOnNothingAndRaisesATerminalError() throws Exception {
        send(25);
        env.put("EBB_DRY_RUN", "yes");

        JsonNode line = invoke(handler(), TICK);

        assertThat(line.get("status").asText()).as(line.toString()).isEqualTo("settings-invalid");
        assertThat(line.get("errorKind").asText()).isEqualTo("terminal");
        assertThat(line.get("Errors").asInt()).isEqualTo(1);
        assertThat(line.get("TerminalErrors").asInt())
                .as("the metric the terminal-errors alarm watches")
                .isEqualTo(1);
        assertThat(line.get("error").asText())
                .contains("EBB_DRY_RUN='yes' is not allowed (allowed: true, false, on, off, 1 or 0");
        assertThat(line.has("queue")).as("bad settings observe nothing").isFalse();
        assertThat(line.get("LaunchedTasks").asInt()).isZero();
        assertThat(ourTasks()).isEmpty();
    }

    @Test
    void aBrokenPolicyLaunchesNothingAndRaisesThePolicyErrorMetric(@TempDir Path dir) throws Exception {
        send(25);
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(
                policy, Files.readString(config("scaling-policy.yaml")).replace("maxTasks:", "maxTask:"));
        env.put("EBB_POLICY_FILE", policy.toString());

        JsonNode line = invoke(handler(), TICK);

        assertThat(line.get("status").asText()).isEqualTo("policy-invalid");
        assertThat(line.get("PolicyErrors").asInt()).isEqualTo(1);
        assertThat(line.get("policyErrors").toString()).contains("spec.maxTask: unknown key; did you mean 'maxTasks'?");
        assertThat(line.has("queue")).as("a bad policy observes nothing").isFalse();
        assertThat(ourTasks()).isEmpty();
    }

    @Test
    void theBlueprintPolicyIgnoresInFlightMessages() throws Exception {
        send(25);
        sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).visibilityTimeout(600));
        sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).visibilityTimeout(600));
        env.put("EBB_POLICY_FILE", config("examples/blueprint.yaml").toString());

        JsonNode line = invoke(handler(), TICK);

        assertThat(line.get("queue").toString()).isEqualTo("{\"visible\":5,\"inFlight\":20,\"delayed\":0}");
        assertThat(line.get("desired").asInt()).isEqualTo(1);
        assertThat(ourTasks())
                .singleElement()
                .extracting(Task::capacityProviderName)
                .isEqualTo("FARGATE");
    }

    @Test
    void stopExcessStopsIdleSurplusOnceTheQueueIsEmpty(@TempDir Path dir) throws Exception {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, """
                apiVersion: ebb.dev/v1
                kind: ScalingPolicy
                metadata: {name: stop-excess}
                spec:
                  targetMessagesPerTask: 10
                  maxTasks: 5
                  capacityProviders: [{name: FARGATE, weight: 1}]
                  scaleDown: {mode: stop-excess, stabilizationWindowSeconds: 0}
                """);
        env.put("EBB_POLICY_FILE", policy.toString());
        send(15);
        ControllerHandler handler = handler();
        assertThat(invoke(handler, TICK).get("launchedTaskIds")).hasSize(2);
        sqs.purgeQueue(r -> r.queueUrl(queueUrl));

        JsonNode line = invoke(handler, TICK.plusSeconds(120));

        assertThat(line.get("reason").asText()).as(line.toString()).isEqualTo("STOP_EXCESS");
        assertThat(line.get("stoppedTaskIds")).hasSize(2);
        assertThat(ourTasks()).isEmpty();
    }

    @Test
    void anUnreachableEcsEndsTheCycleWithAnErrorAndNoException() throws Exception {
        send(5);
        int closedPort;
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        env.put("AWS_ENDPOINT_URL_ECS", "http://127.0.0.1:" + closedPort);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        // 1 s left in the invocation: no time for a retry, the error is reported at once.
        handler().handleRequest(ScheduledEvents.at(TICK), out, new TestContext(1_000));

        JsonNode line = JSON.readTree(out.toByteArray());
        assertThat(line.get("status").asText()).isEqualTo("error");
        assertThat(line.get("Errors").asInt()).isEqualTo(1);
        assertThat(line.get("queue").get("visible").asInt())
                .as("the queue was read before ECS failed")
                .isEqualTo(5);
        assertThat(line.get("error").asText()).contains("SdkClientException");
        assertThat(line.get("errorKind").asText()).isEqualTo("transient");
        assertThat(line.get("TerminalErrors").asInt()).isZero();
    }

    @Test
    void returnsTheLineItLogs() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler().handleRequest(ScheduledEvents.at(TICK), out, new TestContext(60_000));

        assertThat(logged).singleElement().isEqualTo(out.toString(StandardCharsets.UTF_8));
    }

    private ControllerHandler handler() {
        return new ControllerHandler(env, logged::add, Clock.fixed(TICK, ZoneOffset.UTC));
    }

    private JsonNode invoke(ControllerHandler handler, Instant tick) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(ScheduledEvents.at(tick), out, new TestContext(60_000));
        return JSON.readTree(out.toByteArray());
    }

    private void send(int n) {
        for (int i = 0; i < n; i++) {
            sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody("{}"));
        }
    }

    private List<Task> ourTasks() {
        List<String> arns = ecs.listTasks(r ->
                        r.cluster(world.cluster()).startedBy("ebb-controller").desiredStatus(DesiredStatus.RUNNING))
                .taskArns();
        return arns.isEmpty()
                ? List.of()
                : ecs.describeTasks(r -> r.cluster(world.cluster()).tasks(arns)).tasks();
    }

    private static Path config(String name) {
        return Path.of(System.getProperty("ebb.config.dir", "../config")).resolve(name);
    }
}
