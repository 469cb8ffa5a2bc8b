package dev.ebb.worker.backpressure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PermitsTest {

    @ParameterizedTest
    @CsvSource({
        // total, held, wanted, granted
        "20, 0, 10, 10",
        "20, 15, 10, 5",
        "20, 20, 10, 0",
        "4, 0, 10, 4",
        "1, 0, 10, 1",
        "20, 0, 0, 0",
        "20, 0, -3, 0"
    })
    void grantsAtMostTheFreeCount(int total, int held, int wanted, int granted) {
        Permits p = new Permits(total);
        p.acquireUpTo(held);
        assertThat(p.acquireUpTo(wanted)).isEqualTo(granted);
        assertThat(p.inUse()).isEqualTo(held + granted);
        assertThat(p.free()).isEqualTo(total - held - granted);
    }

    @Test
    void releasingMoreThanHeldIsABug() {
        Permits p = new Permits(3);
        p.acquireUpTo(2);
        p.release(2);
        assertThat(p.free()).isEqualTo(3);
        assertThatThrownBy(() -> p.release(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new Permits(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
