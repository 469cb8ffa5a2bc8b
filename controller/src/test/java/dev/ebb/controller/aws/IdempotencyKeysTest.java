package dev.ebb.controller.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class IdempotencyKeysTest {

    private static final Instant TICK = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void sameTickSameDeploymentSameKey() {
        assertThat(IdempotencyKeys.cycle("ebb|worker:1|ctl", TICK, "FARGATE"))
                .isEqualTo(IdempotencyKeys.cycle("ebb|worker:1|ctl", TICK, "FARGATE"))
                .matches("ebb-[0-9a-f]{8}-1767268800-FARGATE");
    }

    @Test
    void nextTickOtherDeploymentOrOtherStepDiffer() {
        String key = IdempotencyKeys.cycle("ebb|worker:1|ctl", TICK, "FARGATE");
        assertThat(IdempotencyKeys.cycle("ebb|worker:1|ctl", TICK.plusSeconds(120), "FARGATE"))
                .isNotEqualTo(key);
        assertThat(IdempotencyKeys.cycle("other|worker:1|ctl", TICK, "FARGATE")).isNotEqualTo(key);
        assertThat(IdempotencyKeys.cycle("ebb|worker:1|ctl", TICK, "fallback")).isNotEqualTo(key);
    }

    @Test
    void fitsEcsLimitOf64Characters() {
        String key = IdempotencyKeys.cycle(
                "a-very-long-cluster-name|arn:aws:ecs:eu-west-1:123456789012:task-definition/x:99|c",
                Instant.parse("9999-12-31T23:59:59Z"),
                "FARGATE_SPOT");
        assertThat(IdempotencyKeys.chunk(key, 99)).hasSizeLessThanOrEqualTo(64);
    }
}
