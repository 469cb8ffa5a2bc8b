package dev.ebb.worker.errorhandler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VisibilityBackoffTest {

    @ParameterizedTest
    @CsvSource({
        // base, max, receiveCount, seconds
        "10, 300, 1, 10",
        "10, 300, 2, 20",
        "10, 300, 3, 40",
        "10, 300, 5, 160",
        "10, 300, 6, 300",
        "10, 300, 1000, 300",
        "10, 300, 0, 10",
        "0, 0, 3, 0",
        "1, 2, 1, 1",
        "1, 2, 4, 2",
        "3600, 86400, 10, 43200"
    })
    void doublesPerReceiveUpToTheCap(long base, long max, int receiveCount, int seconds) {
        assertThat(new VisibilityBackoff(Duration.ofSeconds(base), Duration.ofSeconds(max)).secondsFor(receiveCount))
                .isEqualTo(seconds);
    }
}
