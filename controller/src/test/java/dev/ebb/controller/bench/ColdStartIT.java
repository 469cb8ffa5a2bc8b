package dev.ebb.controller.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.controller.aws.AwsClients;
import dev.ebb.controller.testing.EcsWorld;
import dev.ebb.emulators.EmbeddedSqs;
import dev.ebb.emulators.MotoServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Measures cold start — process start to the decision line — of the shaded Lambda jar in a fresh
 * JVM, and of the original blueprint's logic in Python with boto3, both against the same emulators
 * and the same queue of 25 messages. Prints the figures and writes target/cold-start.txt; asserts
 * only that both made their decision (no timing assertion: CI machines vary).
 */
class ColdStartIT {

    private static final int RUNS = 3;

    @Test
    void measuresJavaControllerAndPythonBlueprint() throws Exception {
        MotoServer moto = MotoServer.shared();
        List<Long> java = new ArrayList<>();
        List<Long> python = new ArrayList<>();
        try (EmbeddedSqs elasticMq = EmbeddedSqs.start();
                EcsClient ecs = AwsClients.ecs(Optional.of(Region.US_EAST_1), Optional.of(moto.endpoint()));
                SqsClient sqs = AwsClients.sqs(Optional.of(Region.US_EAST_1), Optional.of(elasticMq.endpoint()))) {
            for (int i = 0; i < RUNS; i++) {
                java.add(timeToFirstLine(
                        List.of(
                                javaBin(),
                                "-XX:+UseSerialGC",
                                "-XX:TieredStopAtLevel=1",
                                "-cp",
                                lambdaJar().toString(),
                                "dev.ebb.controller.lambda.InvokeOnce"),
                        freshEnv(moto, ecs, elasticMq, sqs),
                        "\"status\":\"ok\""));
                python.add(timeToFirstLine(
                        List.of(
                                MotoServer.venvPython().toString(),
                                Path.of("../bench/controller_blueprint.py").toString()),
                        freshEnv(moto, ecs, elasticMq, sqs),
                        "\"launched\": 3"));
            }
        }
        String report = """
                controller cold start, process start to decision logged, against ElasticMQ + moto (%d runs, ms):
                  java  (shaded Lambda jar, -XX:TieredStopAtLevel=1): %s  median %d
                  python (blueprint logic, boto3):                    %s  median %d
                  lambda jar: %d bytes
                """.formatted(RUNS, java, median(java), python, median(python), Files.size(lambdaJar()));
        System.out.print(report);
        Files.writeString(Path.of("target", "cold-start.txt"), report);
        assertThat(java).hasSize(RUNS);
    }

    private static Map<String, String> freshEnv(MotoServer moto, EcsClient ecs, EmbeddedSqs elasticMq, SqsClient sqs)
            throws Exception {
        EcsWorld world = EcsWorld.create(moto, ecs);
        String queue =
                sqs.createQueue(r -> r.queueName("cold-" + UUID.randomUUID())).queueUrl();
        for (int i = 0; i < 25; i++) {
            sqs.sendMessage(r -> r.queueUrl(queue).messageBody("{}"));
        }
        return Map.ofEntries(
                Map.entry("EBB_QUEUE_URL", queue),
                Map.entry("EBB_CLUSTER", world.cluster()),
                Map.entry("EBB_TASK_DEFINITION", world.taskDefinitionArn()),
                Map.entry("EBB_SUBNETS", world.subnet()),
                Map.entry("EBB_SECURITY_GROUPS", world.securityGroup()),
                Map.entry("AWS_REGION", "us-east-1"),
                Map.entry("AWS_DEFAULT_REGION", "us-east-1"),
                Map.entry("AWS_ACCESS_KEY_ID", "test"),
                Map.entry("AWS_SECRET_ACCESS_KEY", "test"),
                Map.entry("AWS_ENDPOINT_URL_SQS", elasticMq.endpoint().toString()),
                Map.entry("AWS_ENDPOINT_URL_ECS", moto.endpoint().toString()));
    }

    /** Milliseconds from starting the process to the first stdout line containing {@code expected}. */
    private static long timeToFirstLine(List<String> command, Map<String, String> env, String expected)
            throws Exception {
        Path stderr = Files.createTempFile(Path.of("target"), "cold-start", ".err");
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(stderr.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("EBB_"));
        pb.environment().putAll(env);
        long start = System.nanoTime();
        Process p = pb.start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.contains(expected)) {
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    p.waitFor();
                    return millis;
                }
            }
        }
        throw new AssertionError(command + " exited " + p.waitFor() + " without a line containing " + expected + "\n"
                + Files.readString(stderr));
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Path lambdaJar() throws Exception {
        try (DirectoryStream<Path> found = Files.newDirectoryStream(Path.of("target"), "ebb-controller-*-lambda.jar")) {
            return found.iterator().next();
        }
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }
}
