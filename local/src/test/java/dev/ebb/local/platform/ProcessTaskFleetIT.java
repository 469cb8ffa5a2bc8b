package dev.ebb.local.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ebb.controller.policy.CapacityProvider;
import dev.ebb.controller.reconcile.ObservedTask;
import dev.ebb.controller.reconcile.TaskState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local task platform with shell scripts standing in for the worker: states follow the lines a worker prints. */
class ProcessTaskFleetIT {

    @TempDir
    Path logs;

    private final List<String> processed = new CopyOnWriteArrayList<>();
    private final TaskListener listener = new TaskListener() {
        @Override
        public void processed(String key) {
            processed.add(key);
        }
    };

    private ProcessTaskFleet fleet(String script) {
        return new ProcessTaskFleet(
                new WorkerLauncher(List.of("/bin/sh", "-c", script), Map.of("EBB_X", "1"), logs), listener);
    }

    @Test
    void aTaskIsPendingUntilItsWorkerStartsAndGoneWhenItExits() throws Exception {
        Path go = logs.resolve("go");
        try (ProcessTaskFleet fleet =
                fleet("while [ ! -f " + go + " ]; do sleep 0.05; done; echo '{\"event\":\"start\"}';"
                        + " echo '{\"event\":\"message\",\"outcome\":\"succeeded\",\"records\":[{\"key\":\"a b.jpg\",\"outcome\":\"processed\"}]}';"
                        + " while [ -f " + go
                        + " ]; do sleep 0.05; done; echo '{\"event\":\"idle\"}'; echo \"$EBB_TASK_ID $EBB_X\"")) {
            var launched = fleet.launch(CapacityProvider.FARGATE_SPOT, 2, "tick-1");

            assertThat(launched.started()).containsExactly("task-1", "task-2");
            assertThat(fleet.list()).extracting(ObservedTask::state).containsOnly(TaskState.PENDING);
            assertThat(fleet.list()).allSatisfy(t -> assertThat(t.provider()).contains(CapacityProvider.FARGATE_SPOT));
            Files.writeString(go, "");
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(fleet.list())
                            .extracting(ObservedTask::state)
                            .containsOnly(TaskState.RUNNING));
            assertThat(processed).containsExactly("a b.jpg", "a b.jpg");
            Files.delete(go);
            await().atMost(Duration.ofSeconds(20)).until(() -> fleet.list().isEmpty());
            assertThat(fleet.all()).hasSize(2).allSatisfy(t -> {
                assertThat(t.exitCode()).contains(0);
                assertThat(t.exitReason()).hasValueSatisfying(r -> assertThat(r).startsWith("idle"));
            });
            assertThat(Files.readString(logs.resolve("task-1.log"))).contains("task-1 1");
        }
    }

    @Test
    void theSameIdempotencyKeyLaunchesOnce() {
        try (ProcessTaskFleet fleet = fleet("sleep 30")) {
            var first = fleet.launch(CapacityProvider.FARGATE, 1, "tick-7-FARGATE");
            var again = fleet.launch(CapacityProvider.FARGATE, 1, "tick-7-FARGATE");

            assertThat(again.started()).isEqualTo(first.started());
            assertThat(fleet.all()).hasSize(1);
        }
    }

    /** The run loop can tick once more while a run ends (Ctrl-C, --keep-running stopped): it must not leave a worker behind. */
    @Test
    void aLaunchAfterTheShutdownBeganStartsNothing() {
        try (ProcessTaskFleet fleet = fleet("sleep 30")) {
            fleet.launch(CapacityProvider.FARGATE, 1, "before");
            fleet.shutdown(Duration.ofSeconds(5));

            var late = fleet.launch(CapacityProvider.FARGATE_SPOT, 2, "after");

            assertThat(late.started()).isEmpty();
            assertThat(late.failures())
                    .singleElement()
                    .satisfies(f -> assertThat(f.toString()).contains("the run is ending"));
            assertThat(fleet.all()).hasSize(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> fleet.alive() == 0);
        }
    }

    @Test
    void stopSendsSigtermAndTheTaskStopsCountingAtOnce() {
        try (ProcessTaskFleet fleet = fleet("echo '{\"event\":\"start\"}'; sleep 30")) {
            String id = fleet.launch(CapacityProvider.FARGATE, 1, "k").started().getFirst();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> fleet.list().getFirst().state() == TaskState.RUNNING);

            fleet.stop(id, "surplus");

            assertThat(fleet.list()).extracting(ObservedTask::state).containsAnyOf(TaskState.DEACTIVATING);
            await().atMost(Duration.ofSeconds(20)).until(() -> fleet.alive() == 0);
            assertThat(fleet.all().getFirst().exitReason()).contains("terminated (SIGTERM)");
        }
    }

    @Test
    void shutdownKillsWhatIgnoresSigterm() {
        ProcessTaskFleet fleet = fleet("trap '' TERM; echo '{\"event\":\"start\"}'; while true; do sleep 0.1; done");
        fleet.launch(CapacityProvider.FARGATE, 2, "k");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(fleet.list())
                        .extracting(ObservedTask::state)
                        .containsExactly(TaskState.RUNNING, TaskState.RUNNING));

        fleet.shutdown(Duration.ofMillis(500));

        await().atMost(Duration.ofSeconds(20)).until(() -> fleet.alive() == 0);
        // 137: the SIGTERM was ignored, so shutdown had to kill them
        assertThat(fleet.all()).hasSize(2).allSatisfy(t -> {
            assertThat(t.process().isAlive()).isFalse();
            assertThat(t.exitCode()).contains(137);
        });
    }
}
