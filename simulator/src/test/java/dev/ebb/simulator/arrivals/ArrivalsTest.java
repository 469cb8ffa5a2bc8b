package dev.ebb.simulator.arrivals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArrivalsTest {

    private static final long HOUR = 3_600_000;
    private static final long DAY = 24 * HOUR;

    @Test
    void burstIsOneCohort() {
        Arrivals a = Patterns.parse("burst:n=5000,at=10m", DAY, 1);

        assertThat(a.cohorts()).isEqualTo(1);
        assertThat(a.time(0)).isEqualTo(600_000);
        assertThat(a.total()).isEqualTo(5000);
    }

    @ParameterizedTest(name = "{0} over {1} ms = {2} messages")
    @CsvSource({
        "steady:rate=50/s,        60000,    3000",
        "steady:rate=3000/m,      60000,    3000",
        "steady:rate=0.5,         10000,    5",
        "steady:rate=100/h,       3600000,  100",
        "'steady:rate=10/s,from=1m,to=2m', 3600000, 600",
        "diurnal:daily=1000000,   86400000, 1000000",
        "diurnal:daily=10000000,  86400000, 10000000",
    })
    void ratesAddUpToTheirTotals(String spec, long duration, long total) {
        assertThat((double) Patterns.parse(spec, duration, 1).total()).isCloseTo((double) total, within(1.0));
    }

    @Test
    void diurnalPeaksAtItsPeakHourAndBottomsAtTheTrough() {
        Arrivals a = Patterns.parse("diurnal:daily=8640000,peak=14h,trough=0.25", DAY, 1);
        long atPeak = countAround(a, 14 * HOUR);
        long atTrough = countAround(a, 2 * HOUR);

        assertThat((double) atTrough / atPeak).isCloseTo(0.25, within(0.01));
    }

    private static long countAround(Arrivals a, long t) {
        long n = 0;
        for (int i = 0; i < a.cohorts(); i++) {
            if (Math.abs(a.time(i) - t) < 60_000) {
                n += a.count(i);
            }
        }
        return n;
    }

    @Test
    void burstyIsRandomButRepeatable() {
        Arrivals one = Patterns.parse("bursty:every=30m,size=10000", DAY, 9);
        Arrivals two = Patterns.parse("bursty:every=30m,size=10000", DAY, 9);
        Arrivals other = Patterns.parse("bursty:every=30m,size=10000", DAY, 10);

        assertThat(one.total()).isEqualTo(two.total()).isNotEqualTo(other.total());
        // 48 bursts of 10,000 expected in a day; allow for chance
        assertThat(one.total()).isBetween(200_000L, 900_000L);
    }

    @Test
    void patternsAddUp() {
        Arrivals a = Arrivals.merge(
                Patterns.parse("steady:rate=1/s", 10_000, 1), Patterns.parse("burst:n=100,at=5s", 10_000, 1));

        assertThat(a.total()).isEqualTo(110);
        assertThat(a.cohorts()).isEqualTo(10);
        assertThat(a.count(5)).isEqualTo(101);
    }

    @Test
    void loadsStopAtTheDuration() {
        assertThat(Patterns.parse("burst:at=2h", HOUR, 1).total()).isZero();
    }

    @Test
    void badPatternsSayWhatIsWrong() {
        assertThatThrownBy(() -> Patterns.parse("wave", DAY, 1))
                .hasMessageContaining("unknown pattern 'wave'; one of burst, steady");
        assertThatThrownBy(() -> Patterns.parse("burst:count=5", DAY, 1)).hasMessageContaining("unknown option count");
        assertThatThrownBy(() -> Patterns.parse("steady:rate=5/w", DAY, 1))
                .hasMessageContaining("rate must be a rate like 50/s");
        assertThatThrownBy(() -> Patterns.parse("burst:n=-1", DAY, 1)).hasMessageContaining("n must be a whole number");
    }

    @Test
    void traceRowsSpreadUntilTheNextRow() {
        Arrivals a = TraceCsv.parse(List.of("timestamp,count", "0,10", "10,0", "20,7"), "t.csv");

        assertThat(a.total()).isEqualTo(17);
        assertThat(a.time(0)).isZero();
        assertThat(a.count(0)).isEqualTo(1); // 10 over 10 one-second steps
        assertThat(a.lastArrival()).isEqualTo(20_000); // the last row at its instant
    }

    @Test
    void traceTimestampsAsInstantsOrDurations() {
        Arrivals iso = TraceCsv.parse(List.of("2026-03-01T09:00:00Z,5", "2026-03-01T09:00:01Z,3"), "t.csv");
        Arrivals dur = TraceCsv.parse(List.of("# seconds from the start", "0s,5", "1s,3"), "t.csv");

        assertThat(iso.time(1)).isEqualTo(1_000).isEqualTo(dur.time(1));
        assertThat(iso.total()).isEqualTo(8).isEqualTo(dur.total());
    }

    @Test
    void traceErrorsNameTheLine() {
        assertThatThrownBy(() -> TraceCsv.parse(List.of("0,5", "1,x"), "t.csv"))
                .hasMessage("t.csv:2: count must be a whole number ≥ 0, got 'x'");
        assertThatThrownBy(() -> TraceCsv.parse(List.of("10,5", "1,5"), "t.csv"))
                .hasMessage("t.csv:2: timestamps must not go backwards");
        assertThatThrownBy(() -> TraceCsv.parse(List.of("0,5,1"), "t.csv"))
                .hasMessageContaining("t.csv:1: expected timestamp,count");
    }
}
