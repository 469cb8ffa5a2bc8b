package dev.ebb.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerEnvironmentTest {

    @Test
    void whatTheRunOwnsCannotBeOverriddenAndTuningCan() {
        Map<String, String> env = WorkerEnvironment.of(
                Map.of("EBB_CONCURRENCY", "2", "EBB_QUEUE_URL", "http://elsewhere", "EBB_WAIT_TIME_SECONDS", "1"),
                Map.of("EBB_QUEUE_URL", "http://127.0.0.1:1/q", "EBB_SIZES", "64x64"));

        assertThat(env)
                .containsEntry("EBB_CONCURRENCY", "2")
                .containsEntry("EBB_WAIT_TIME_SECONDS", "1")
                .containsEntry("EBB_QUEUE_URL", "http://127.0.0.1:1/q")
                .containsEntry("EBB_SIZES", "64x64")
                .containsEntry("EBB_IDLE_EMPTY_POLLS", "2");
    }
}
