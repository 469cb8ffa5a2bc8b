package dev.ebb.controller.reconcile;

import static dev.ebb.controller.reconcile.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HistoryTest {

    private static final Duration WINDOW = Duration.ofMinutes(5);

    @ParameterizedTest(name = "[{0}] covers={1} max={2} kept=[{3}]")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        # history (age:desired)  | covers | max within window, now=1 | kept after recording now:1
        -                        | false  | 1                        | 0:1
        200:4                    | false  | 4                        | 200:4 0:1
        300:7                    | true   | 1                        | 300:7 0:1
        400:7 200:2              | true   | 2                        | 400:7 200:2 0:1
        900:9 400:7 200:2        | true   | 2                        | 400:7 200:2 0:1
        400:7 299:3 10:0         | true   | 3                        | 400:7 299:3 10:0 0:1
        -60:50 200:2             | false  | 2                        | 200:2 0:1
        """)
    void coversMaxAndTrim(String history, boolean covers, int max, String kept) {
        History h = Fixtures.history(history == null ? "" : history);

        assertThat(h.covers(NOW, WINDOW)).isEqualTo(covers);
        assertThat(h.maxWithin(NOW, WINDOW, 1)).isEqualTo(max);
        History next = h.record(NOW, 1, WINDOW);
        assertThat(String.join(
                        " ",
                        next.samples().stream()
                                .map(s -> Duration.between(s.at(), NOW).toSeconds() + ":" + s.desired())
                                .toList()))
                .isEqualTo(kept);
    }
}
