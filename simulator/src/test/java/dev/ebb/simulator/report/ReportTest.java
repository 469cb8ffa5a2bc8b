package dev.ebb.simulator.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.simulator.Policies;
import dev.ebb.simulator.RunResult;
import dev.ebb.simulator.Simulator;
import dev.ebb.simulator.arrivals.Arrivals;
import dev.ebb.simulator.model.Distribution;
import dev.ebb.simulator.model.ModelParameters;
import dev.ebb.simulator.model.Prices;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReportTest {

    private static final ModelParameters FIXED = ModelParameters.DEFAULTS.toBuilder()
            .startLatency(new Distribution.Fixed(30_000))
            .processingTime(new Distribution.Fixed(1_000))
            .concurrency(10)
            .build();

    private static List<RunResult> twoPolicies() {
        return Simulator.compare(
                List.of(Policies.onDemand(10, 5), Policies.spotOnly(10, 10, true)),
                FIXED,
                Prices.US_EAST_1,
                Arrivals.burst(2_000, 0),
                86_400_000);
    }

    @Test
    void tableHasAColumnPerPolicyAndARowPerFigure() {
        String table = ComparisonTable.render(List.of("on-demand", "spot"), twoPolicies());

        assertThat(table.lines().findFirst().orElseThrow())
                .contains("on-demand")
                .contains("spot");
        assertThat(table)
                .contains("wait p99")
                .contains("time to drain")
                .contains("cost (USD)")
                .contains("RunTask calls")
                .contains("idle task-minutes")
                .contains("wait max")
                .contains("that did no work")
                .contains("vCPU-hours")
                .contains("GB-hours")
                .contains("max backlog");
        assertThat(table.lines()
                        .filter(l -> l.startsWith("messages"))
                        .findFirst()
                        .orElseThrow())
                .contains("2,000");
    }

    @Test
    void chartAsSvgAndPng(@TempDir Path dir) throws Exception {
        List<RunResult> results = twoPolicies();
        Chart chart = new Chart("burst", List.of("on-demand", "spot"), results, Chart.axisEnd(results, 86_400_000));

        chart.writeSvg(dir.resolve("c.svg"));
        chart.writePng(dir.resolve("c.png"));

        String svg = Files.readString(dir.resolve("c.svg"));
        assertThat(svg).startsWith("<svg").endsWith("</svg>\n");
        assertThat(svg.split("<polyline", -1)).hasSize(9); // backlog, starting, busy and idle tasks for each policy
        assertThat(svg).contains("tasks starting").contains("tasks busy").contains("tasks idle");
        assertThat(svg)
                .contains(">on-demand</text>")
                .contains(">spot</text>")
                .contains("#1f77b4")
                .contains("#d62728");
        BufferedImage png = ImageIO.read(dir.resolve("c.png").toFile());
        assertThat(png.getWidth()).isEqualTo(Chart.WIDTH);
        assertThat(png.getHeight()).isEqualTo(Chart.HEIGHT);
    }

    @Test
    void theTimeAxisEndsShortlyAfterTheLastRun() {
        List<RunResult> results = twoPolicies();
        long last = results.stream().mapToLong(RunResult::endedMillis).max().orElseThrow();

        assertThat(Chart.axisEnd(results, 86_400_000)).isBetween(last, last + last / 10);
        assertThat(Chart.axisEnd(results, 60_000)).isEqualTo(60_000);
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "90000, 1m30s", "600000, 10m", "3600000, 1h", "5400000, 1h30", "45000, 45s"})
    void timeLabels(long millis, String label) {
        assertThat(AxisTicks.timeLabel(millis)).isEqualTo(label);
    }

    @ParameterizedTest
    @CsvSource({"100000, 20000", "20, 5", "7, 2", "1, 1", "3500000, 1000000"})
    void roundSteps(double max, double step) {
        double[] ticks = AxisTicks.nice(max);
        assertThat(ticks[1]).isEqualTo(step);
        assertThat(ticks[ticks.length - 1]).isGreaterThanOrEqualTo(max);
    }
}
