package dev.ebb.worker.backpressure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteBudgetTest {

    /** Requests of these sizes in order, none released: which were granted at once. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // budget | sizes        | granted
                "100      | 40,40,40     | 0,1",
                "100      | 50,50        | 0,1",
                "100      | 150          | 0", // larger than the budget: alone, but not never
                "100      | 10,150       | 0", // ... and only when nothing else is held
                "100      | 90,20,5      | 0", // in order: the 5 does not overtake the 20
                "100      | 0,0,100      | 0,1,2"
            })
    void grantsWhatFitsInArrivalOrder(long budget, String sizes, String granted) {
        ByteBudget b = new ByteBudget(budget);
        List<Integer> got = new ArrayList<>();
        String[] s = sizes.split(",");
        for (int i = 0; i < s.length; i++) {
            int n = i;
            b.acquire(Long.parseLong(s[i]), () -> got.add(n));
        }
        assertThat(got.stream().map(String::valueOf).toList()).containsExactly(granted.split(","));
        assertThat(b.waiting()).isEqualTo(s.length - got.size());
    }

    @Test
    void aReleaseGrantsTheWaitersThatNowFit() {
        ByteBudget b = new ByteBudget(100);
        List<String> got = new ArrayList<>();
        b.acquire(60, () -> got.add("a"));
        b.acquire(60, () -> got.add("b"));
        b.acquire(150, () -> got.add("big"));
        b.acquire(10, () -> got.add("c"));
        assertThat(got).containsExactly("a");
        b.release(60);
        assertThat(got).containsExactly("a", "b");
        b.release(60);
        assertThat(got).containsExactly("a", "b", "big"); // alone
        assertThat(b.used()).isEqualTo(150);
        b.release(150);
        assertThat(got).containsExactly("a", "b", "big", "c");
        b.release(10);
        assertThat(b.used()).isZero();
        assertThat(b.waiting()).isZero();
    }

    @Test
    void releasingMoreThanHeldIsABug() {
        ByteBudget b = new ByteBudget(100);
        b.acquire(10, () -> {});
        assertThatThrownBy(() -> b.release(11)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new ByteBudget(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
