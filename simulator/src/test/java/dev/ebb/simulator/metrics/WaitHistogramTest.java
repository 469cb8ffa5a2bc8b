package dev.ebb.simulator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WaitHistogramTest {

    @Test
    void exactBelow128Milliseconds() {
        WaitHistogram h = new WaitHistogram();
        for (long v = 1; v <= 100; v++) {
            h.add(v, 1);
        }

        assertThat(h.percentile(0.50)).isEqualTo(50);
        assertThat(h.percentile(0.95)).isEqualTo(95);
        assertThat(h.percentile(0.99)).isEqualTo(99);
        assertThat(h.percentile(1.0)).isEqualTo(100);
    }

    @ParameterizedTest
    @ValueSource(longs = {128, 1_000, 99_000, 3_600_000, 86_400_000, 10L * 86_400_000})
    void withinOnePercentAbove(long v) {
        WaitHistogram h = new WaitHistogram();
        h.add(v, 7);

        assertThat(h.percentile(0.5)).isCloseTo(v, withinPercentage(0.8));
    }

    @Test
    void bucketsTileTheNumberLine() {
        for (int i = 0; i < 128 * 40; i++) {
            assertThat(WaitHistogram.index(WaitHistogram.lowest(i))).isEqualTo(i);
            assertThat(WaitHistogram.index(WaitHistogram.lowest(i) + WaitHistogram.width(i) - 1))
                    .isEqualTo(i);
        }
    }

    @Test
    void withdrawnWaitsNoLongerCount() {
        WaitHistogram h = new WaitHistogram();
        h.add(10, 50);
        h.add(20, 50);
        h.add(20, -50); // the messages of a task that died
        h.add(90, 50); // …received again later

        assertThat(h.total()).isEqualTo(100);
        assertThat(h.percentile(0.5)).isEqualTo(10);
        assertThat(h.percentile(0.51)).isEqualTo(90);
    }

    @Test
    void emptyHasNoPercentile() {
        assertThat(new WaitHistogram().percentile(0.99)).isEqualTo(-1);
    }
}
