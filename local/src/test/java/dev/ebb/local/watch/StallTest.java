package dev.ebb.local.watch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StallTest {

    @Test
    void holdingForAReasonOnlyTheUserCanChangeWithWorkWaitingIsAStall() {
        Stall stall = new Stall(3);
        assertThat(stall.observe(4, 0, "BELOW_ACTIVATION: 4 < 5")).isEmpty();
        assertThat(stall.observe(4, 0, "BELOW_ACTIVATION: 4 < 5")).isEmpty();
        assertThat(stall.observe(4, 0, "BELOW_ACTIVATION: 4 < 5")).contains("BELOW_ACTIVATION: 4 < 5");
    }

    @Test
    void notAStallWhileWorkersLiveOrNothingWaitsOrTheControllerWouldAct() {
        Stall stall = new Stall(2);
        for (int i = 0; i < 4; i++) {
            assertThat(stall.observe(4, 1, "PAUSED")).isEmpty();
            assertThat(stall.observe(0, 0, "PAUSED")).isEmpty();
            assertThat(stall.observe(4, 0, null)).isEmpty();
        }
    }
}
