package dev.ebb.controller.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ebb.controller.aws.AwsClients;
import dev.ebb.controller.testing.EcsStub;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * ECS that does not answer one read: the controller gives the read up after its timeout and tries
 * again, and the cycle goes on. ECS is moto, reached through {@link EcsStub} acting as a proxy that
 * holds the first ListTasks answer past the read timeout (moto has no way to be slow; the stub
 * passes every other call, and the retry, through to it unchanged).
 */
class EcsReadTimeoutIT {

    private static final Instant TICK = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void aReadThatTimesOutIsRetriedAndTheCycleSucceeds() throws Exception {
        MotoServer moto = MotoServer.shared();
        AtomicInteger listTasks = new AtomicInteger();
        try (EcsClient ecs = AwsClients.ecs(Optional.of(Region.US_EAST_1), Optional.of(moto.endpoint()));
                EmbeddedSqs elasticMq = EmbeddedSqs.start();
                SqsClient sqs = AwsClients.sqs(Optional.of(Region.US_EAST_1), Optional.of(elasticMq.endpoint()));
                EcsStub slowOnce = new EcsStub(call -> {
                    if (call.action().equals("ListTasks") && listTasks.incrementAndGet() == 1) {
                        sleep(15_000);
                    }
                    return EcsStub.Answer.from(moto.endpoint(), call);
                })) {
            EcsWorld world = EcsWorld.create(moto, ecs);
            String queueUrl = sqs.createQueue(r -> r.queueName("ebb-" + UUID.randomUUID()))
                    .queueUrl();
            for (int i = 0; i < 5; i++) {
                sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody("{}"));
            }
            Map<String, String> env = world.controllerEnv(queueUrl, elasticMq.endpoint(), moto.endpoint());
            env.put("AWS_ENDPOINT_URL_ECS", slowOnce.endpoint().toString());
            List<String> logged = new ArrayList<>();
            ControllerHandler handler = new ControllerHandler(env, logged::add, Clock.fixed(TICK, ZoneOffset.UTC));

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(ScheduledEvents.at(TICK), out, new TestContext(120_000));
            JsonNode line = new ObjectMapper().readTree(out.toByteArray());

            assertThat(slowOnce.calls("ListTasks"))
                    .as("the held read, then its retry")
                    .hasSizeGreaterThanOrEqualTo(2);
            assertThat(line.get("status").asText()).as(line.toString()).isEqualTo("ok");
            assertThat(line.get("action").asText())
                    .as("5 messages, no task: it launches")
                    .isEqualTo("launch");
            assertThat(line.get("launchedTaskIds")).isNotEmpty();
            assertThat(line.get("Errors").asInt()).isZero();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
