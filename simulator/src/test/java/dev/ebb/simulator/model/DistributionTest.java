package dev.ebb.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DistributionTest {

    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({
        "0, 0",
        "250ms, 250",
        "90s, 90000",
        "1.5s, 1500",
        "10m, 600000",
        "2min, 120000",
        "1h30m, 5400000",
        "24h, 86400000",
        "1d, 86400000",
    })
    void durations(String text, long millis) {
        assertThat(DurationText.parseMillis(text)).isEqualTo(millis);
    }

    @ParameterizedTest
    @CsvSource({"''", "ten", "10", "5x", "1h 30m", "-5s"})
    void notDurations(String text) {
        assertThatThrownBy(() -> DurationText.parseMillis(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesEveryShape() {
        assertThat(Distribution.parse("2s")).isEqualTo(new Distribution.Fixed(2_000));
        assertThat(Distribution.parse("fixed:250ms")).isEqualTo(new Distribution.Fixed(250));
        assertThat(Distribution.parse("uniform:30s..90s")).isEqualTo(new Distribution.Uniform(30_000, 90_000));
        assertThat(Distribution.parse("lognormal:45s,90s")).isEqualTo(new Distribution.LogNormal(45_000, 90_000));
        assertThatThrownBy(() -> Distribution.parse("gamma:1s")).hasMessageContaining("unknown distribution 'gamma'");
        assertThatThrownBy(() -> Distribution.parse("lognormal:5s,1s")).hasMessageContaining("median <= p95");
    }

    @Test
    void logNormalHitsItsMedianAndP95() {
        Distribution d = new Distribution.LogNormal(2_000, 5_000);
        SplittableRandom r = new SplittableRandom(7);
        long[] s = LongStream.generate(() -> d.sampleMillis(r))
                .limit(200_000)
                .sorted()
                .toArray();

        assertThat((double) s[100_000]).isCloseTo(2_000, withinPercentage(2));
        assertThat((double) s[190_000]).isCloseTo(5_000, withinPercentage(3));
        assertThat(Arrays.stream(s).average().orElseThrow()).isCloseTo(d.meanMillis(), withinPercentage(2));
    }

    @Test
    void uniformStaysInItsBounds() {
        Distribution d = Distribution.parse("uniform:1s..3s");
        SplittableRandom r = new SplittableRandom(1);
        LongStream.range(0, 10_000)
                .map(i -> d.sampleMillis(r))
                .forEach(v -> assertThat(v).isBetween(1_000L, 3_000L));
        assertThat(d.meanMillis()).isEqualTo(2_000.0);
    }

    @Test
    void measuredSamplesFromAFile(@TempDir Path dir) throws Exception {
        // what a calibration run against `ebb local` would write: one measured duration per line
        Path f = dir.resolve("processing.txt");
        Files.writeString(f, "# per message\n800\n1.2s\n1000ms\n");
        Distribution d = Distribution.parse("file:" + f);

        assertThat(d.meanMillis()).isEqualTo(1_000.0);
        SplittableRandom r = new SplittableRandom(3);
        LongStream.range(0, 100)
                .map(i -> d.sampleMillis(r))
                .forEach(v -> assertThat(v).isIn(800L, 1_200L, 1_000L));
    }

    @Test
    void timeWindows() {
        TimeWindow w = TimeWindow.parse("1h..3h");

        assertThat(w).isEqualTo(new TimeWindow(3_600_000, 10_800_000));
        assertThat(w.contains(3_600_000)).isTrue();
        assertThat(w.contains(10_800_000)).isFalse();
        assertThatThrownBy(() -> TimeWindow.parse("3h..1h")).isInstanceOf(IllegalArgumentException.class);
    }
}
