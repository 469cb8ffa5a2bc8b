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
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A cycle whose every RunTask fails (here: a task definition that does not exist, as after a
 * botched deploy) used to report {@code status ok} with {@code Errors 0}, so no alarm fired. The
 * Lambda in-process against ElasticMQ (SQS) and moto (ECS), which answers RunTask as ECS does.
 */
class LaunchFailureIT {

    private static final Instant TICK = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void aCycleInWhichEveryLaunchFailsIsAnErrorWithANonZeroErrorMetric() throws Exception {
        MotoServer moto = MotoServer.shared();
        try (EcsClient ecs = AwsClients.ecs(Optional.of(Region.US_EAST_1), Optional.of(moto.endpoint()));
                EmbeddedSqs elasticMq = EmbeddedSqs.start();
                SqsClient sqs = AwsClients.sqs(Optional.of(Region.US_EAST_1), Optional.of(elasticMq.endpoint()))) {
            EcsWorld world = EcsWorld.create(moto, ecs);
            String queueUrl = sqs.createQueue(r -> r.queueName("ebb-" + UUID.randomUUID()))
                    .queueUrl();
            for (int i = 0; i < 25; i++) {
                sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody("{}"));
            }
            Map<String, String> env = world.controllerEnv(queueUrl, elasticMq.endpoint(), moto.endpoint());
            env.put("EBB_TASK_DEFINITION", world.taskDefinitionArn().replaceAll(":\\d+$", "") + "-deleted:1");
            List<String> logged = new ArrayList<>();
            ControllerHandler handler = new ControllerHandler(env, logged::add, Clock.fixed(TICK, ZoneOffset.UTC));

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(ScheduledEvents.at(TICK), out, new TestContext(60_000));
            JsonNode line = new ObjectMapper().readTree(out.toByteArray());

            assertThat(line.get("action").asText()).as(line.toString()).isEqualTo("launch");
            assertThat(line.get("launchedTaskIds")).isEmpty();
            assertThat(line.get("failures")).isNotEmpty();
            assertThat(line.get("status").asText()).isEqualTo("launch-failed");
            assertThat(line.get("Errors").asInt())
                    .as("the metric ControllerErrorsAlarm watches")
                    .isEqualTo(1);
            assertThat(line.get("LaunchFailures").asInt()).isPositive();
            assertThat(line.get("errorKind").asText())
                    .as("no retry brings the task definition back")
                    .isEqualTo("terminal");
            assertThat(line.get("TerminalErrors").asInt())
                    .as("the metric ControllerTerminalErrorsAlarm watches")
                    .isEqualTo(1);
        }
    }
}
