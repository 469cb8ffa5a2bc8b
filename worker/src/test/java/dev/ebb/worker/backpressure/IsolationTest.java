package dev.ebb.worker.backpressure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IsolationTest {

    /**
     * Steps in order: {@code o1} an ordinary message asks, {@code s1} a suspect asks, {@code -o1} /
     * {@code -s1} it is done. What was granted after all of them, in order, and whether the worker
     * must stop receiving.
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // steps                          | granted               | isolating
                "o1 o2 o3                         | o1 o2 o3              | false", // the common path: all at once
                "s1                               | s1                    | true", // nothing else at work: at once
                "o1 s1                            | o1                    | true", // waits for the others ...
                "o1 s1 o2                         | o1                    | true", // ... and nothing new starts
                // meanwhile
                "o1 s1 o2 -o1                     | o1 s1                 | true",
                "o1 s1 o2 -o1 -s1                 | o1 s1 o2              | false",
                "s1 s2 -s1                        | s1 s2                 | true", // suspects one at a time
                "s1 s2 o1 -s1 -s2                 | s1 s2 o1              | false", // suspects before the ordinary ones
                // that waited
                "o1 o2 s1 -o2 -o1 -s1             | o1 o2 s1              | false"
            })
    void aSuspectWorksAlone(String steps, String granted, boolean isolating) {
        Isolation gate = new Isolation();
        List<String> got = new ArrayList<>();
        for (String step : steps.trim().split("\\s+")) {
            if (step.startsWith("-")) {
                gate.release(step.charAt(1) == 's');
            } else {
                gate.acquire(step.startsWith("s"), () -> got.add(step));
            }
        }
        assertThat(String.join(" ", got)).isEqualTo(granted);
        assertThat(gate.isolating()).isEqualTo(isolating);
    }

    @Test
    void atWorkCountsWhatRuns() {
        Isolation gate = new Isolation();
        gate.acquire(false, () -> {});
        gate.acquire(false, () -> {});
        assertThat(gate.atWork()).isEqualTo(2);
        gate.acquire(true, () -> {});
        gate.release(false);
        gate.release(false);
        assertThat(gate.atWork()).isEqualTo(1);
        assertThat(gate.isolating()).isTrue();
    }

    @Test
    void aSuspectThatEndsAtOnceLetsTheNextIn() {
        Isolation gate = new Isolation();
        List<String> got = new ArrayList<>();
        gate.acquire(true, () -> {
            got.add("s1");
            gate.release(true); // released from inside its own grant (a message released at shutdown while it waited)
        });
        gate.acquire(false, () -> got.add("o1"));
        assertThat(got).containsExactly("s1", "o1");
        assertThat(gate.isolating()).isFalse();
    }

    @Test
    void releasingWhatIsNotHeldIsABug() {
        Isolation gate = new Isolation();
        assertThatThrownBy(() -> gate.release(true)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> gate.release(false)).isInstanceOf(IllegalStateException.class);
    }
}
