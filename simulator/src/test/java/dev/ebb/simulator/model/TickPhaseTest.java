package dev.ebb.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TickPhaseTest {

    @ParameterizedTest(name = "first tick {0} ms stays {0} ms")
    @CsvSource({"0", "60000", "60100", "119999"})
    void aGivenFirstTickIsKept(long millis) {
        ModelParameters p =
                ModelParameters.DEFAULTS.toBuilder().firstTickMillis(millis).build();

        assertThat(p.firstTick()).isEqualTo(millis);
    }

    @Test
    void theRandomPhaseLiesWithinTheFirstTickOffWholeSecondsAndFollowsTheSeed() {
        long[] phases = LongStream.rangeClosed(1, 200)
                .map(seed ->
                        ModelParameters.DEFAULTS.toBuilder().seed(seed).build().firstTick())
                .toArray();

        assertThat(LongStream.of(phases).boxed())
                .allSatisfy(
                        ms -> assertThat(ms).isBetween(1L, 120_000L).matches(v -> v % 1_000 != 0, "off whole seconds"));
        assertThat(LongStream.of(phases).distinct().count())
                .as("phases differ by seed")
                .isGreaterThan(190);
        assertThat(LongStream.of(phases).filter(ms -> ms < 60_000).count())
                .as("spread over the period")
                .isBetween(70L, 130L);
        assertThat(ModelParameters.DEFAULTS.toBuilder().seed(7).build().firstTick())
                .isEqualTo(ModelParameters.DEFAULTS.toBuilder().seed(7).build().firstTick());
    }
}
