package dev.ebb.cli.simulate;

import dev.ebb.controller.policy.PolicyParser;
import dev.ebb.controller.policy.PolicyResult;
import dev.ebb.controller.policy.ScalingPolicy;
import dev.ebb.simulator.RunResult;
import dev.ebb.simulator.Simulator;
import dev.ebb.simulator.arrivals.Arrivals;
import dev.ebb.simulator.arrivals.Patterns;
import dev.ebb.simulator.arrivals.TraceCsv;
import dev.ebb.simulator.model.Distribution;
import dev.ebb.simulator.model.DurationText;
import dev.ebb.simulator.model.MeasurementWindows;
import dev.ebb.simulator.model.ModelParameters;
import dev.ebb.simulator.model.Prices;
import dev.ebb.simulator.model.TimeWindow;
import dev.ebb.simulator.report.Chart;
import dev.ebb.simulator.report.ComparisonTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ebb simulate}: replay a load through scaling policies before deploying one. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        showDefaultValues = true,
        description = {
            "Replay a load through scaling policies and compare them side by side.",
            "Calls the controller's own reconciler; compares backlog, message wait, drain time, task usage and cost.",
            "",
            "Patterns (several --pattern add up):",
            "  burst[:n=100000,at=0s]    steady[:rate=50/s,from=0s,to=END]",
            "  diurnal[:daily=1000000,peak=14h,trough=0.2]",
            "  bursty[:every=1h,size=20000,spread=1m,base=0/s]",
            "DURATION: 250ms, 90s, 10m, 1h30m.",
            "DIST: 2s, uniform:1s..3s, lognormal:MEDIAN,P95, file:PATH (one measured value a line).",
            "Exit status: 0 done, 1 the chart could not be written, 2 bad command line, policy or trace.",
            "See docs/simulator.md for the model and its limits.",
            ""
        })
public final class SimulateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--policy",
            required = true,
            paramLabel = "FILE",
            description = "A ScalingPolicy file; repeat to compare.")
    List<Path> policies;

    @Option(names = "--trace", paramLabel = "FILE.csv", description = "Recorded arrivals: timestamp,count per line.")
    Path trace;

    @Option(
            names = "--pattern",
            showDefaultValue = Help.Visibility.NEVER,
            paramLabel = "NAME[:k=v,…]",
            description = "A built-in load; repeat to add loads up.")
    List<String> patterns = new ArrayList<>();

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            defaultValue = "24h",
            description = "Simulated time (the run ends early once all is done).")
    String duration;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Write simulate.svg and simulate.png (backlog and tasks over time) here.")
    Path out;

    @Option(
            names = "--task-cpu",
            paramLabel = "VCPU",
            defaultValue = "1",
            description = "vCPU of the worker task (billing; the measured speed is for 1 vCPU).")
    double taskCpu;

    @Option(
            names = "--task-memory",
            paramLabel = "GB",
            defaultValue = "2",
            description = "Memory of the worker task in GB (billing).")
    double taskMemory;

    @Option(
            names = "--start-latency",
            paramLabel = "DIST",
            defaultValue = "lognormal:45s,90s",
            description = "RunTask until the worker polls.")
    String startLatency;

    @Option(
            names = "--processing-time",
            paramLabel = "DIST",
            defaultValue = "lognormal:150ms,400ms",
            description =
                    "One message's permit time (durations_ms.work); the default is the measured worker, ~112 msg/s a task.")
    String processingTime;

    @Option(
            names = "--receive-latency",
            paramLabel = "DURATION",
            defaultValue = "20ms",
            description = "One ReceiveMessage round trip.")
    String receiveLatency;

    @Option(
            names = "--concurrency",
            paramLabel = "N",
            defaultValue = "20",
            description = "Messages one worker holds at a time (EBB_CONCURRENCY).")
    int concurrency;

    @Option(
            names = "--idle-window",
            paramLabel = "DURATION",
            defaultValue = "60s",
            description = "A worker with nothing to do this long exits.")
    String idleWindow;

    @Option(
            names = "--visibility-timeout",
            paramLabel = "DURATION",
            defaultValue = "120s",
            description = "Messages of a killed task return after this.")
    String visibilityTimeout;

    @Option(
            names = "--grace",
            paramLabel = "DURATION",
            defaultValue = "100s",
            description = "After SIGTERM the worker finishes for this long, then releases (EBB_GRACE_SECONDS).")
    String grace;

    @Option(
            names = "--no-release",
            description = "Workers are killed without releasing messages; they wait out the visibility timeout.")
    boolean noRelease;

    @Option(
            names = "--queue-delay",
            paramLabel = "DURATION",
            defaultValue = "0s",
            description = "The queue's DelaySeconds.")
    String queueDelay;

    @Option(
            names = "--spot-interruptions",
            defaultValue = "0",
            paramLabel = "PER_HOUR",
            description = "Spot interruptions per Spot task-hour (2-minute notice).")
    double spotInterruptions;

    @Option(
            names = "--spot-shortage",
            showDefaultValue = Help.Visibility.NEVER,
            paramLabel = "FROM..TO",
            description = "A window in which FARGATE_SPOT has no capacity, e.g. 1h..3h; repeatable.")
    List<String> spotShortages = new ArrayList<>();

    @Option(
            names = "--stop-timeout",
            paramLabel = "DURATION",
            defaultValue = "120s",
            description = "StopTask until ECS kills the task (task definition StopTimeout).")
    String stopTimeout;

    @Option(names = "--tick", paramLabel = "DURATION", defaultValue = "2m", description = "The controller's schedule.")
    String tick;

    @Option(
            names = "--first-tick",
            paramLabel = "DURATION",
            defaultValue = "random",
            description = "The first controller tick; random: a point of the first tick period drawn from the seed.")
    String firstTick;

    @Option(
            names = "--metrics-window",
            paramLabel = "DURATION",
            defaultValue = "10m",
            description = "CloudWatch's recent window: arrivals and throughput.")
    String metricsWindow;

    @Option(
            names = "--metrics-long-window",
            paramLabel = "DURATION",
            defaultValue = "24h",
            description = "CloudWatch's long window: throughput after a quiet spell.")
    String metricsLongWindow;

    @Option(
            names = "--metrics-lag",
            paramLabel = "DURATION",
            defaultValue = "1m",
            description = "How late CloudWatch publishes a minute; both windows end this long before the tick.")
    String metricsLag;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "1",
            description = "Seed of every random draw; same seed, same run.")
    long seed;

    @Option(
            names = "--price-fargate-vcpu",
            defaultValue = "0.04048",
            paramLabel = "USD",
            description = "FARGATE per vCPU-hour (us-east-1).")
    double priceFargateVcpu;

    @Option(
            names = "--price-fargate-gb",
            defaultValue = "0.004445",
            paramLabel = "USD",
            description = "FARGATE per GB-hour (us-east-1).")
    double priceFargateGb;

    @Option(
            names = "--price-spot-vcpu",
            defaultValue = "0.012144",
            paramLabel = "USD",
            description = "FARGATE_SPOT per vCPU-hour (on-demand less 70%%).")
    double priceSpotVcpu;

    @Option(
            names = "--price-spot-gb",
            defaultValue = "0.0013335",
            paramLabel = "USD",
            description = "FARGATE_SPOT per GB-hour (on-demand less 70%%).")
    double priceSpotGb;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<ScalingPolicy> loaded = new ArrayList<>();
        boolean bad = false;
        for (Path file : policies) {
            switch (PolicyParser.parse(file)) {
                case PolicyResult.Valid v -> loaded.add(v.policy());
                case PolicyResult.Invalid i -> {
                    err.print(i.format());
                    bad = true;
                }
            }
        }
        if (bad) {
            err.flush();
            return 2;
        }
        long durationMillis;
        ModelParameters model;
        Arrivals arrivals;
        Prices prices;
        try {
            durationMillis = DurationText.parseMillis(duration);
            model = model();
            prices = prices();
            arrivals = arrivals(durationMillis);
        } catch (IllegalArgumentException e) {
            err.println("ebb simulate: " + e.getMessage());
            err.flush();
            return 2;
        }

        List<RunResult> results = Simulator.compare(loaded, model, prices, arrivals, durationMillis);
        List<String> names = headers(loaded);
        out.printf(
                Locale.ROOT,
                "%s messages over %s; %s; tasks %s vCPU / %s GB; processing %s, %d at a time; start %s; "
                        + "first tick %s; seed %d%n",
                String.format(Locale.ROOT, "%,d", arrivals.total()),
                DurationText.format(durationMillis),
                describeLoad(),
                trim(model.taskVcpu()),
                trim(model.taskMemoryGb()),
                model.processingTime().describe(),
                model.concurrency(),
                model.startLatency().describe(),
                String.format(Locale.ROOT, "%.3fs", model.firstTick() / 1000.0),
                model.seed());
        out.println();
        out.print(ComparisonTable.render(names, results));
        if (this.out != null) {
            if (System.getProperty("java.awt.headless") == null) {
                System.setProperty("java.awt.headless", "true"); // the PNG is drawn off-screen; never open a display
            }
            try {
                Files.createDirectories(this.out);
                Chart chart = new Chart(
                        "ebb simulate: " + describeLoad(), names, results, Chart.axisEnd(results, durationMillis));
                Path svg = this.out.resolve("simulate.svg");
                Path png = this.out.resolve("simulate.png");
                chart.writeSvg(svg);
                boolean withText = chart.writePng(png);
                out.println();
                out.println("chart: " + svg + ", " + png
                        + (withText ? "" : " (no fonts on this machine: the PNG has no labels)"));
            } catch (IOException e) {
                err.println("ebb simulate: cannot write the chart: " + e.getMessage());
                err.flush();
                return 1;
            }
        }
        out.flush();
        return 0;
    }

    /** The model the options describe; with no options, {@link ModelParameters#DEFAULTS} (a test holds them together). */
    ModelParameters model() {
        List<TimeWindow> windows = spotShortages.stream().map(TimeWindow::parse).toList();
        return ModelParameters.DEFAULTS.toBuilder()
                .taskSize(taskCpu, taskMemory)
                .startLatency(Distribution.parse(startLatency))
                .processingTime(Distribution.parse(processingTime))
                .receiveLatencyMillis(DurationText.parseMillis(receiveLatency))
                .concurrency(concurrency)
                .idleWindowMillis(DurationText.parseMillis(idleWindow))
                .visibilityTimeoutMillis(DurationText.parseMillis(visibilityTimeout))
                .graceMillis(DurationText.parseMillis(grace))
                .releaseOnStop(!noRelease)
                .queueDelayMillis(DurationText.parseMillis(queueDelay))
                .spotInterruptionsPerHour(spotInterruptions)
                .spotShortages(windows)
                .stopTimeoutMillis(DurationText.parseMillis(stopTimeout))
                .tickMillis(DurationText.parseMillis(tick))
                .firstTickMillis(
                        firstTick.equals("random") ? ModelParameters.RANDOM_PHASE : DurationText.parseMillis(firstTick))
                .measurement(new MeasurementWindows(
                        DurationText.parseMillis(metricsWindow),
                        DurationText.parseMillis(metricsLongWindow),
                        DurationText.parseMillis(metricsLag)))
                .seed(seed)
                .build();
    }

    Prices prices() {
        return new Prices(priceFargateVcpu, priceFargateGb, priceSpotVcpu, priceSpotGb);
    }

    private Arrivals arrivals(long durationMillis) {
        if ((trace == null) == patterns.isEmpty()) {
            throw new IllegalArgumentException("give either --trace FILE.csv or one or more --pattern NAME ("
                    + String.join(", ", Patterns.NAMES) + ")");
        }
        if (trace != null) {
            return TraceCsv.read(trace).until(durationMillis);
        }
        List<Arrivals> parts = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            parts.add(Patterns.parse(patterns.get(i), durationMillis, seed + i));
        }
        return Arrivals.merge(parts.toArray(Arrivals[]::new));
    }

    private String describeLoad() {
        return trace != null ? "trace " + trace.getFileName() : String.join(" + ", patterns);
    }

    /** Policy names, or file names where two policies share a name. */
    private List<String> headers(List<ScalingPolicy> loaded) {
        List<String> names = loaded.stream().map(ScalingPolicy::name).toList();
        if (names.stream().distinct().count() == names.size()) {
            return names;
        }
        return policies.stream().map(p -> p.getFileName().toString()).toList();
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
