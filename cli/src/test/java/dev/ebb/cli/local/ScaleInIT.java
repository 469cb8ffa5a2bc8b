package dev.ebb.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebb.cli.samples.SampleImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #11 on one machine: a policy sized by work grows the fleet for a burst, then, while images
 * keep arriving at a trickle, stops the tasks the trickle does not need, and loses nothing. With
 * {@code minTasks: 1} a run settles with a worker still up, so {@code --keep-running} takes the
 * trickle in after every settle; images arrive every half second and workers idle out only after 20
 * quiet seconds, so the tasks that go while the trickle lasts are the controller's doing.
 */
class ScaleInIT {

    private static final String POLICY = """
            apiVersion: ebb.dev/v1
            kind: ScalingPolicy
            metadata:
              name: scale-in
            spec:
              work: {drainWithin: 10s, targetUtilization: 80, assumedThroughputPerTask: 1, assumedStartLatency: 2s}
              minTasks: 1
              maxTasks: 4
              maxLaunchesPerCycle: 4
              capacityProviders: [{name: FARGATE_SPOT, weight: 1}]
              scaleDown: {mode: stop-excess, stabilizationWindowSeconds: 3, maxStopsPerHour: 60}
            """;

    @TempDir
    Path dir;

    @AfterEach
    void noRunOutlivesItsTest() {
        LocalRun.closeAll();
    }

    @Test
    void theFleetShrinksWhileTheLoadContinuesAndNothingIsLost() throws Exception {
        Path policy = Files.writeString(dir.resolve("policy.yaml"), POLICY);
        Path input = dir.resolve("in");
        SampleImages.write(input.resolve("burst"), 60, 11);
        Path out = dir.resolve("out");
        LocalRun run = LocalRun.start(
                dir,
                "--tick",
                "1s",
                "--visibility-timeout",
                "20s",
                "--worker-idle",
                "20s",
                "--worker-grace",
                "5s",
                "--policy",
                policy.toString(),
                "--input",
                input.toString(),
                "--output",
                out.toString(),
                "--keep-running");

        await().atMost(Duration.ofMinutes(3))
                .until(() -> LocalRun.text(run.stdout).contains("ebb local: 60 inputs: 60 processed"));
        // The load goes on: two images every half second, until the controller has stopped a task
        // and ten more batches have come after that stop.
        int batches = 0;
        int afterFirstStop = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < deadline && afterFirstStop < 10) {
            SampleImages.write(input.resolve("trickle-" + batches), 2, 100 + batches);
            batches++;
            if (stoppedSome(run)) {
                afterFirstStop++;
            }
            Thread.sleep(500);
        }
        int inputs = 60 + 2 * batches;
        await().atMost(Duration.ofMinutes(4))
                .until(() -> LocalRun.text(run.stdout)
                        .contains("ebb local: " + inputs + " inputs: " + inputs + " processed"));
        JsonNode report = run.report();
        run.process.destroy();
        run.awaitExit();

        assertThat(report.at("/totals/processed").asInt()).as("nothing lost").isEqualTo(inputs);
        assertThat(report.at("/totals/failed").asInt()).isZero();
        assertThat(report.at("/tasks/peak").asInt())
                .as("the burst grew the fleet")
                .isGreaterThan(1);
        List<JsonNode> stops = new ArrayList<>();
        report.at("/controller/decisions").forEach(d -> {
            if (d.has("stopped")) {
                stops.add(d);
            }
        });
        assertThat(stops)
                .as("decisions that stopped tasks")
                .isNotEmpty()
                .allSatisfy(d -> assertThat(d.get("reason").asText()).isIn("STOP_EXCESS", "STOP_LIMITED"));
        assertThat(stops.getFirst().get("why").asText()).contains("msg/s per task");
        List<String> stoppedIds = new ArrayList<>();
        stops.forEach(d -> d.get("stopped").forEach(id -> stoppedIds.add(id.asText())));
        report.at("/tasks/each").forEach(t -> {
            if (stoppedIds.contains(t.get("id").asText())) {
                assertThat(t.path("exitCode").asInt(-1))
                        .as("a stopped worker finishes or releases, then exits 0: %s", t)
                        .isZero();
            }
        });
        assertThat(afterFirstStop)
                .as("batches that arrived after the first stop")
                .isEqualTo(10);
    }

    private static boolean stoppedSome(LocalRun run) throws Exception {
        return LocalRun.text(run.stdout).contains("controller: STOP_EXCESS")
                || LocalRun.text(run.stderr).contains("controller: STOP_EXCESS");
    }
}
