package dev.ebb.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.cli.EbbCommand;
import dev.ebb.simulator.model.ModelParameters;
import dev.ebb.simulator.model.Prices;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulateCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = EbbCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void theShippedPoliciesSideBySideWithAChart(@TempDir Path dir) throws Exception {
        int code = run(
                "simulate",
                "--policy",
                "../config/scaling-policy.yaml",
                "--policy",
                "../config/examples/blueprint.yaml",
                "--pattern",
                "burst:n=5000",
                "--duration",
                "2h",
                "--out",
                dir.toString());

        assertThat(code).as(err.toString()).isZero();
        String table = out.toString();
        assertThat(table).contains("5,000 messages over 2h00m; burst:n=5000").contains("first tick");
        assertThat(table.lines()
                        .filter(l -> l.contains("default") && l.contains("blueprint"))
                        .count())
                .isEqualTo(1);
        assertThat(table).contains("time to drain").contains("cost (USD)").contains("simulate.svg");
        assertThat(Files.readString(dir.resolve("simulate.svg")))
                .contains("<polyline")
                .contains(">blueprint</text>");
        assertThat(ImageIO.read(dir.resolve("simulate.png").toFile()).getWidth())
                .isPositive();
    }

    @Test
    void aTraceFileWorksLikeAPattern(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("t.csv");
        Files.writeString(trace, "timestamp,count\n0,300\n60,300\n120,0\n");

        int code = run(
                "simulate",
                "--policy",
                "../config/scaling-policy.yaml",
                "--trace",
                trace.toString(),
                "--processing-time",
                "500ms",
                "--start-latency",
                "30s",
                "--duration",
                "1h");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("600 messages over 1h00m; trace t.csv");
    }

    @Test
    void aBadPolicyIsReportedWithItsPlace(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(
                bad, "apiVersion: ebb.dev/v1\nkind: ScalingPolicy\nmetadata: {name: b}\nspec:\n  maxTasks: 3\n");

        assertThat(run("simulate", "--policy", bad.toString(), "--pattern", "burst"))
                .isEqualTo(2);
        assertThat(err.toString())
                .contains(bad + ":")
                .contains("spec.work: required")
                .contains("targetMessagesPerTask");
    }

    @Test
    void eitherATraceOrAPattern() {
        assertThat(run("simulate", "--policy", "../config/scaling-policy.yaml")).isEqualTo(2);
        assertThat(err.toString()).contains("give either --trace FILE.csv or one or more --pattern NAME");
    }

    @Test
    void badParametersSayWhy() {
        assertThat(run(
                        "simulate",
                        "--policy",
                        "../config/scaling-policy.yaml",
                        "--pattern",
                        "burst",
                        "--start-latency",
                        "soon"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("'soon'");
    }

    @Test
    void theOptionDefaultsAreTheModelDefaults() {
        SimulateCommand command = new SimulateCommand();
        new CommandLine(command).parseArgs("--policy", "p.yaml", "--pattern", "burst");

        assertThat(command.model()).isEqualTo(ModelParameters.DEFAULTS);
        assertThat(command.prices()).isEqualTo(Prices.US_EAST_1);
    }

    @Test
    void helpDoesNotNeedAPolicy() {
        assertThat(run("simulate", "--help")).isZero();
        assertThat(out.toString())
                .contains("--spot-shortage=FROM..TO")
                .contains("lognormal:MEDIAN,P95")
                .doesNotContain("Default: []")
                .contains("--receive-latency")
                .contains("--metrics-window")
                .contains("Default: random");
    }
}
