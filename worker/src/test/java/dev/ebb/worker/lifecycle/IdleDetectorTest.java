package dev.ebb.worker.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdleDetectorTest {

    /**
     * A script of events on a detector with a 10 s window and 3 empty polls, started at t=0:
     * {@code e@t} empty poll, {@code r@t} poll with messages, {@code f} failed poll, {@code d@t} message finished.
     */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "e@1 e@2 e@3          | 10 | 0 | true",
                "e@1 e@2 e@3          | 9  | 0 | false",
                "e@1 e@2              | 60 | 0 | false",
                "e@1 e@2 e@3          | 60 | 1 | false",
                "r@5 e@6 e@7 e@8      | 14 | 0 | false",
                "r@5 e@6 e@7 e@8      | 15 | 0 | true",
                "e@1 e@2 f e@3        | 60 | 0 | false",
                "e@1 e@2 f e@3 e@4 e@5 | 60 | 0 | true",
                "e@1 e@2 e@3 d@8      | 17 | 0 | false",
                "e@1 e@2 e@3 d@8      | 18 | 0 | true",
                "e@1 r@2 e@3 e@4      | 60 | 0 | false"
            })
    void decidesFromPollsAndTime(String script, long nowSeconds, int inFlight, boolean idle) {
        IdleDetector d = new IdleDetector(Duration.ofSeconds(10), 3, 0);
        for (String step : script.trim().split("\\s+")) {
            long t = step.contains("@") ? Long.parseLong(step.substring(2)) * 1000 : 0;
            switch (step.charAt(0)) {
                case 'e' -> d.polled(0, t);
                case 'r' -> d.polled(4, t);
                case 'f' -> d.pollFailed();
                case 'd' -> d.finished(t);
                default -> throw new IllegalArgumentException(step);
            }
        }
        assertThat(d.isIdle(nowSeconds * 1000, inFlight)).isEqualTo(idle);
    }
}
