package dev.ebb.local.watch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SettleTest {

    private static Settle.Sample s(long queued, long dead, long live) {
        return new Settle.Sample(queued, dead, live, false);
    }

    @Test
    void settlesAfterConsecutiveQuietSamplesOnly() {
        Settle settle = new Settle(3);
        assertThat(settle.observe(s(5, 0, 2))).isFalse();
        assertThat(settle.observe(s(0, 1, 1))).isFalse(); // a worker is still alive
        assertThat(settle.observe(s(0, 1, 0))).isFalse();
        assertThat(settle.observe(s(0, 1, 0))).isFalse();
        assertThat(settle.observe(s(0, 1, 0))).isTrue();
    }

    @Test
    void aGrowingDeadLetterQueueIsNotSettled() {
        Settle settle = new Settle(2);
        settle.observe(s(0, 1, 0));
        assertThat(settle.observe(s(0, 2, 0))).isFalse();
        assertThat(settle.observe(s(0, 2, 0))).isFalse();
        assertThat(settle.observe(s(0, 2, 0))).isTrue();
    }

    @Test
    void workInFlightOrDelayedIsNotSettled() {
        Settle settle = new Settle(2);
        for (int i = 0; i < 5; i++) {
            assertThat(settle.observe(s(1, 0, 0))).isFalse();
        }
    }

    @Test
    void aPolicyWithMinimumTasksSettlesWithWorkersAlive() {
        Settle settle = new Settle(2);
        settle.observe(new Settle.Sample(0, 0, 2, true));
        assertThat(settle.observe(new Settle.Sample(0, 0, 2, true))).isTrue();
    }

    @Test
    void resetStartsOver() {
        Settle settle = new Settle(2);
        settle.observe(s(0, 0, 0));
        settle.reset();
        assertThat(settle.observe(s(0, 0, 0))).isFalse();
        assertThat(settle.observe(s(0, 0, 0))).isTrue();
    }
}
