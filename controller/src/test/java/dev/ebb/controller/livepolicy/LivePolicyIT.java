package dev.ebb.controller.livepolicy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ebb.controller.Controller;
import dev.ebb.controller.aws.AwsClients;
import dev.ebb.controller.aws.Retrying;
import dev.ebb.controller.aws.S3PolicyStore;
import dev.ebb.controller.lambda.ControllerHandler;
import dev.ebb.controller.port.Budget;
import dev.ebb.controller.port.PolicyStore;
import dev.ebb.controller.testing.EcsWorld;
import dev.ebb.controller.testing.TestContext;
import dev.ebb.emulators.EmbeddedS3;
import dev.ebb.emulators.EmbeddedSqs;
import dev.ebb.emulators.MotoServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The deployed controller (its Lambda handler, in-process) reading its policy from S3 (S3Proxy)
 * every tick while `ebb policy apply` edits it, against ElasticMQ (SQS) and moto (ECS): a valid
 * edit acts at the next tick, an invalid one keeps the last valid policy and raises PolicyErrors,
 * a pause stops launches, all without a deploy.
 */
class LivePolicyIT {

    private static final Instant TICK = Instant.parse("2026-01-01T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static MotoServer moto;
    private static EmbeddedSqs elasticMq;
    private static EmbeddedS3 s3Proxy;
    private static EcsClient ecs;
    private static SqsClient sqs;
    private static S3Client s3;

    @BeforeAll
    static void emulators() throws Exception {
        moto = MotoServer.shared();
        ecs = AwsClients.ecs(Optional.of(Region.US_EAST_1), Optional.of(moto.endpoint()));
        elasticMq = EmbeddedSqs.start();
        sqs = AwsClients.sqs(Optional.of(Region.US_EAST_1), Optional.of(elasticMq.endpoint()));
        s3Proxy = EmbeddedS3.inMemory();
        s3 = AwsClients.s3(Optional.of(Region.US_EAST_1), Optional.of(s3Proxy.endpoint()));
    }

    @AfterAll
    static void close() {
        ecs.close();
        sqs.close();
        s3.close();
        elasticMq.close();
        s3Proxy.close();
    }

    static String policy(int maxTasks, boolean paused) {
        return """
                apiVersion: ebb.dev/v1
                kind: ScalingPolicy
                metadata: {name: live-%d}
                spec:
                  paused: %s
                  targetMessagesPerTask: 10
                  maxTasks: %d
                  maxLaunchesPerCycle: 10
                  capacityProviders: [{name: FARGATE, weight: 1}]
                """.formatted(maxTasks, paused, maxTasks);
    }

    @Test
    void editsActAtTheNextTickABadEditKeepsTheLastValidPolicyAndAPauseStopsLaunches(@TempDir Path dir)
            throws Exception {
        EcsWorld world = EcsWorld.create(moto, ecs);
        String queueUrl =
                sqs.createQueue(r -> r.queueName("ebb-" + UUID.randomUUID())).queueUrl();
        String bucket = "ebb-config-" + UUID.randomUUID();
        s3.createBucket(r -> r.bucket(bucket));
        Map<String, String> env = world.controllerEnv(queueUrl, elasticMq.endpoint(), moto.endpoint());
        env.remove("EBB_SUBNETS"); // the network comes with each tick, as the stack's schedule sends it
        env.put("AWS_ENDPOINT_URL_S3", s3Proxy.endpoint().toString());
        env.put("EBB_POLICY_BUCKET", bucket);
        // the fallback when nothing is stored: a message-count file, so that every count below is exact
        env.put(
                "EBB_POLICY_FILE",
                Path.of(System.getProperty("ebb.config.dir", "../config"), "examples/message-count.yaml")
                        .toString());
        ControllerHandler handler = new ControllerHandler(env, line -> {}, Clock.fixed(TICK, ZoneOffset.UTC));
        for (int i = 0; i < 80; i++) {
            sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody("{}"));
        }

        // nothing stored yet: the fallback file (10 messages per task) sizes the fleet
        JsonNode bundled = tick(handler, 0, world);
        assertThat(bundled.get("policy").asText()).as(bundled.toString()).isEqualTo("message-count");
        assertThat(bundled.get("launchedTaskIds")).hasSize(8);

        // a valid edit, applied with the CLI's code path: acts at the next tick
        assertThat(apply(dir, "limit.yaml", policy(10, false), bucket, env)).isEqualTo(Controller.OK);
        for (int i = 0; i < 40; i++) {
            sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody("{}"));
        }
        JsonNode edited = tick(handler, 1, world);
        assertThat(edited.get("policy").asText()).as(edited.toString()).isEqualTo("live-10");
        assertThat(edited.get("desired").asInt()).isEqualTo(10);
        assertThat(edited.get("launchedTaskIds")).hasSize(2);
        assertThat(edited.get("PolicyErrors").asInt()).isZero();
        assertThat(ourTasks(world)).hasSize(10);

        // apply refuses an invalid policy, exactly as check does, and stores nothing
        assertThat(apply(dir, "bad.yaml", policy(30, false).replace("maxTasks", "maxTask"), bucket, env))
                .isEqualTo(Controller.INVALID);
        // written behind apply's back (a console upload): the controller keeps the last valid policy, and says why
        s3.putObject(
                r -> r.bucket(bucket).key("scaling-policy.yaml"),
                RequestBody.fromString(policy(30, false).replace("maxTasks", "maxTask")));
        JsonNode broken = tick(handler, 2, world);
        assertThat(broken.get("status").asText()).as(broken.toString()).isEqualTo("ok");
        assertThat(broken.get("policy").asText()).isEqualTo("live-10");
        assertThat(broken.get("desired").asInt()).isEqualTo(10);
        assertThat(broken.get("PolicyErrors").asInt()).isEqualTo(1);
        assertThat(broken.get("policyErrors").toString())
                .contains("s3://" + bucket + "/scaling-policy.yaml")
                .contains("spec.maxTask: unknown key");
        assertThat(get(bucket, env)).isEqualTo(Controller.INVALID);

        // a pause, with more work waiting: launches nothing
        assertThat(apply(dir, "pause.yaml", policy(30, true), bucket, env)).isEqualTo(Controller.OK);
        for (int i = 0; i < 100; i++) {
            sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody("{}"));
        }
        JsonNode paused = tick(handler, 3, world);
        assertThat(paused.get("reason").asText()).as(paused.toString()).isEqualTo("PAUSED");
        assertThat(paused.get("PolicyErrors").asInt()).isZero();
        assertThat(paused.get("LaunchedTasks").asInt()).isZero();
        assertThat(ourTasks(world)).hasSize(10);
        assertThat(get(bucket, env)).isEqualTo(Controller.OK);

        // unpaused: launches up to the new maximum at the next tick
        assertThat(apply(dir, "resume.yaml", policy(30, false), bucket, env)).isEqualTo(Controller.OK);
        JsonNode resumed = tick(handler, 4, world);
        assertThat(resumed.get("launchedTaskIds")).as(resumed.toString()).hasSize(10);
    }

    /** A cold start with an invalid stored policy acts on nothing (no valid policy to keep) and raises PolicyErrors. */
    @Test
    void aColdStartOnAnInvalidStoredPolicyActsOnNothing() throws Exception {
        String bucket = "ebb-config-" + UUID.randomUUID();
        s3.createBucket(r -> r.bucket(bucket));
        PolicyStore store = new S3PolicyStore(
                s3,
                bucket,
                "scaling-policy.yaml",
                new Retrying(Retrying.Backoff.BRIEF, Budget.fixed(Duration.ofSeconds(30))));
        store.write(policy(5, false).replace("kind: ScalingPolicy", "kind: Policy"));
        LivePolicy live = new LivePolicy(store, dev.ebb.controller.policy.PolicyParser::parseBundled);

        LoadedPolicy loaded = live.load();

        assertThat(loaded.result()).isInstanceOf(dev.ebb.controller.policy.PolicyResult.Invalid.class);
        // and a stored policy that disappears: the bundled one again
        s3.deleteObject(r -> r.bucket(bucket).key("scaling-policy.yaml"));
        assertThat(live.load().result()).isInstanceOf(dev.ebb.controller.policy.PolicyResult.Valid.class);
    }

    private JsonNode tick(ControllerHandler handler, int n, EcsWorld world) throws Exception {
        String event = """
                {"time": "%s", "environment": {"EBB_DRY_RUN": "false", "EBB_SUBNETS": "%s", "EBB_SECURITY_GROUPS": "%s",
                 "EBB_ASSIGN_PUBLIC_IP": "false"}}""".formatted(TICK.plusSeconds(120L * n), world.subnet(), world.securityGroup());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(
                new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, new TestContext(60_000));
        return JSON.readTree(out.toByteArray());
    }

    private static int apply(Path dir, String name, String yaml, String bucket, Map<String, String> env)
            throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, yaml);
        return Controller.applyPolicy(file, bucket, "scaling-policy.yaml", env, quiet(), quiet());
    }

    private static int get(String bucket, Map<String, String> env) {
        return Controller.getPolicy(bucket, "scaling-policy.yaml", env, quiet(), quiet());
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    private static List<software.amazon.awssdk.services.ecs.model.Task> ourTasks(EcsWorld world) {
        List<String> arns = ecs.listTasks(r ->
                        r.cluster(world.cluster()).startedBy("ebb-controller").desiredStatus(DesiredStatus.RUNNING))
                .taskArns();
        return arns.isEmpty()
                ? List.of()
                : ecs.describeTasks(r -> r.cluster(world.cluster()).tasks(arns)).tasks();
    }
}
