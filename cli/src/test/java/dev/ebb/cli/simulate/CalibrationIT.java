package dev.ebb.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ebb.cli.samples.SampleImages;
import dev.ebb.controller.policy.PolicyParser;
import dev.ebb.controller.policy.PolicyResult;
import dev.ebb.controller.policy.ScalingPolicy;
import dev.ebb.image.spec.OutputFormat;
import dev.ebb.image.spec.OutputSpec;
import dev.ebb.image.spec.ResizeMode;
import dev.ebb.image.spec.Rgb;
import dev.ebb.local.LocalOptions;
import dev.ebb.local.LocalPipeline;
import dev.ebb.local.platform.WorkerLauncher;
import dev.ebb.local.watch.View;
import dev.ebb.simulator.RunResult;
import dev.ebb.simulator.arrivals.Arrivals;
import dev.ebb.simulator.engine.Simulation;
import dev.ebb.simulator.model.Distribution;
import dev.ebb.simulator.model.ModelParameters;
import dev.ebb.simulator.model.Prices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7's calibration: the simulator against the real thing. {@code ebb local} drains a burst of
 * generated photos — embedded SQS and S3, the controller's real cycle every tick, each task a
 * worker JVM — and records every task's start latency (launch → the worker's {@code start} line),
 * every message's permit time (the worker's {@code durations_ms.work}: receipt until the permit is
 * free; not {@code total}, which adds the wait for a batched delete while the permit is already
 * back) and the receive round trip (a permit freed → the next message received on that task). The
 * simulator then replays the same burst through the same policy file with those measurements as
 * {@link Distribution.Empirical} and its receive latency, the same tick, first-tick offset, worker
 * concurrency, idle window and visibility timeout, and the two must agree:
 *
 * <ul>
 *   <li><b>time to drain</b> (the last arrival → no message left), within ±(1 tick + 10 % of the
 *       measured drain time);
 *   <li><b>tasks launched</b> and <b>peak tasks</b>, within ±1 task.
 * </ul>
 *
 * The simulated figure is the median over {@link #SEEDS} seeds (the draws from the measured samples
 * differ per seed; the median is what the model predicts, not one draw's luck). The policy launches
 * one task per tick towards {@code ceil(backlog / 25)}, so how many tasks there are depends on how
 * fast the backlog goes down in the first ticks: the task count is a real check, not a constant.
 * The burst is large enough that processing, not start latency, decides the drain time: with the
 * measured processing times × 1.5 ({@code -Debb.calibration.processingFactor=1.5}) the check fails.
 *
 * <p>Measured figures and the samples (as {@code file:} inputs for {@code ebb simulate}) are written
 * to {@code target/calibration/}. See docs/simulator.md, "Calibration against ebb local".
 */
class CalibrationIT {

    static final int IMAGES = 600;
    static final Duration TICK = Duration.ofSeconds(2);
    static final int CONCURRENCY = 2;
    static final Duration WORKER_IDLE = Duration.ofSeconds(3);
    /** The worker's idle rule locally: 2 empty polls of 2 s (WorkerEnvironment) and EBB_IDLE_SECONDS. */
    static final long IDLE_WINDOW_MILLIS = Math.max(WORKER_IDLE.toMillis(), 2 * 2_000);

    static final int VISIBILITY_SECONDS = 30;
    static final int SEEDS = 21;
    /** By hand only: multiplies the measured processing times, to show the check reacts to them. */
    static final double PROCESSING_FACTOR =
            Double.parseDouble(System.getProperty("ebb.calibration.processingFactor", "1"));

    /** The tolerance, stated once: ±(1 tick + 10 % of the measured drain time), ±1 task. */
    static long drainToleranceMillis(long measuredDrainMillis) {
        return TICK.toMillis() + measuredDrainMillis / 10;
    }

    static final int TASK_TOLERANCE = 1;

    static final String POLICY = """
            apiVersion: ebb.dev/v1
            kind: ScalingPolicy
            metadata:
              name: calibration
              description: One launch per tick towards one task per 25 messages, at most 5.
            spec:
              targetMessagesPerTask: 25
              minTasks: 0
              maxTasks: 5
              activationMessages: 1
              countInFlight: true
              maxLaunchesPerCycle: 1
              capacityProviders:
                - name: FARGATE
                  weight: 1
              scaleDown:
                mode: drain
            """;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 8, unit = java.util.concurrent.TimeUnit.MINUTES)
    void theSimulatorPredictsWhatEbbLocalDoesOnTheSameBurst() throws Exception {
        Path input = dir.resolve("in");
        SampleImages.write(input, IMAGES, 77);
        Path policyFile = dir.resolve("calibration.yaml");
        Files.writeString(policyFile, POLICY);
        Path jsonLines = Files.createDirectories(dir.resolve("worker-lines"));
        Path report = dir.resolve("report.json");

        // ---- ebb local, in this JVM (workers are processes, as always)
        LocalPipeline.Result local = new LocalPipeline(
                        localOptions(input, policyFile, report, jsonLines), View.forStderr(false, 2.0), System.out)
                .run();
        assertThat(local.exitCode())
                .as("ebb local exit code; summary:\n%s", local.summary())
                .isZero();
        JsonNode r = new ObjectMapper().readTree(report.toFile());
        assertThat(r.at("/totals/processed").asInt()).isEqualTo(IMAGES);

        double uploaded = r.at("/timings/uploaded").asDouble();
        long measuredDrain = Math.round((r.at("/timings/drained").asDouble() - uploaded) * 1000);
        long firstTick = Math.max(0, Math.round((r.at("/timings/firstTick").asDouble() - uploaded) * 1000));
        int localLaunches = r.at("/tasks/launched").asInt();
        int localPeak = r.at("/tasks/peak").asInt();

        Measured m = Measured.read(r, jsonLines);
        assertThat(m.startLatencies).as("a start line from every task").hasSize(localLaunches);
        assertThat(m.processing.length).as("a message line for every image").isEqualTo(IMAGES);
        m.write(Files.createDirectories(Path.of("target", "calibration")));

        // ---- the simulator, same burst, same policy file, measured times
        ScalingPolicy policy = switch (PolicyParser.parse(policyFile)) {
            case PolicyResult.Valid v -> v.policy();
            case PolicyResult.Invalid i -> throw new AssertionError(i.format());
        };
        ModelParameters.Builder model = ModelParameters.DEFAULTS.toBuilder()
                .startLatency(new Distribution.Empirical(m.startLatencies, "ebb local start lines"))
                .processingTime(
                        new Distribution.Empirical(scaled(m.processing, PROCESSING_FACTOR), "ebb local message lines"))
                .receiveLatencyMillis(m.receiveRoundTrip)
                .concurrency(CONCURRENCY)
                .idleWindowMillis(IDLE_WINDOW_MILLIS)
                .visibilityTimeoutMillis(VISIBILITY_SECONDS * 1000L)
                .tickMillis(TICK.toMillis())
                .firstTickMillis(firstTick);
        List<RunResult> runs = new ArrayList<>();
        for (long seed = 1; seed <= SEEDS; seed++) {
            RunResult run = Simulation.run(
                    policy,
                    model.seed(seed).build(),
                    Prices.US_EAST_1,
                    Arrivals.burst(IMAGES, 0),
                    Duration.ofMinutes(30).toMillis());
            assertThat(run.drained()).as("seed %d drained", seed).isTrue();
            runs.add(run);
        }
        long simDrain = median(runs.stream().mapToLong(RunResult::timeToDrainMillis));
        long simLaunches = median(runs.stream().mapToLong(RunResult::launches));
        long simPeak = median(runs.stream().mapToLong(RunResult::peakTasks));

        long tolerance = drainToleranceMillis(measuredDrain);
        String figures = String.format(
                """
                calibration: %d images, tick %s, concurrency %d, first tick %.1f s after the upload
                  measured start latency ms: %s
                  measured processing ms:    median %d, mean %.0f, p95 %d (n=%d; durations_ms.work), × %.2f into the model
                  measured receive round trip: median %d ms
                                     ebb local   simulated (median of %d seeds; range)
                  time to drain      %7.1f s   %7.1f s  (%.1f..%.1f s)   tolerance ±%.1f s
                  tasks launched     %7d     %7d    (%d..%d)            tolerance ±%d
                  peak tasks         %7d     %7d    (%d..%d)            tolerance ±%d
                """,
                IMAGES,
                TICK,
                CONCURRENCY,
                firstTick / 1000.0,
                Arrays.toString(m.startLatencies),
                percentile(m.processing, 50),
                Arrays.stream(m.processing).average().orElse(0),
                percentile(m.processing, 95),
                m.processing.length,
                PROCESSING_FACTOR,
                m.receiveRoundTrip,
                SEEDS,
                measuredDrain / 1000.0,
                simDrain / 1000.0,
                min(runs, RunResult::timeToDrainMillis) / 1000.0,
                max(runs, RunResult::timeToDrainMillis) / 1000.0,
                tolerance / 1000.0,
                localLaunches,
                simLaunches,
                min(runs, RunResult::launches),
                max(runs, RunResult::launches),
                TASK_TOLERANCE,
                localPeak,
                simPeak,
                min(runs, x -> x.peakTasks()),
                max(runs, x -> x.peakTasks()),
                TASK_TOLERANCE);
        System.out.println(figures);
        Files.writeString(Path.of("target", "calibration", "figures.txt"), figures);

        assertThat(Math.abs(simDrain - measuredDrain))
                .as("time to drain, simulated vs ebb local:\n%s", figures)
                .isLessThanOrEqualTo(tolerance);
        assertThat(Math.abs(simLaunches - localLaunches))
                .as("tasks launched:\n%s", figures)
                .isLessThanOrEqualTo(TASK_TOLERANCE);
        assertThat(Math.abs(simPeak - localPeak)).as("peak tasks:\n%s", figures).isLessThanOrEqualTo(TASK_TOLERANCE);
    }

    private static LocalOptions localOptions(Path input, Path policyFile, Path report, Path jsonLines) {
        String sizes = "224x224,299x299";
        List<OutputSpec> specs = OutputSpec.parseSizes(
                sizes, ResizeMode.parse("fit"), OutputFormat.parse("jpeg"), 85, Rgb.parse("black"));
        // the command ebb local gives a task, with RecordingWorker in front of `ebb worker` to keep its lines
        List<String> worker = WorkerLauncher.sameJvm(RecordingWorker.class.getName(), jsonLines.toString());
        return new LocalOptions(
                input,
                input.resolveSibling("out"),
                Optional.of(policyFile),
                TICK,
                sizes,
                "fit",
                specs,
                Optional.of(report),
                false,
                VISIBILITY_SECONDS,
                3,
                WORKER_IDLE,
                Duration.ofSeconds(5),
                Map.of("EBB_CONCURRENCY", Integer.toString(CONCURRENCY)),
                worker);
    }

    private static long[] scaled(long[] millis, double factor) {
        return Arrays.stream(millis).map(v -> Math.round(v * factor)).toArray();
    }

    /**
     * What the workers' own lines say: each task's start latency, each message's permit time, and the
     * median receive round trip. (Samples, never compared: equals by identity is fine.)
     */
    @SuppressWarnings("ArrayRecordComponent")
    record Measured(long[] startLatencies, long[] processing, long receiveRoundTrip) {

        static Measured read(JsonNode report, Path jsonLines) throws IOException {
            ObjectMapper json = new ObjectMapper();
            Map<String, Instant> launched = new HashMap<>();
            for (JsonNode t : report.at("/tasks/each")) {
                launched.put(
                        t.get("id").asText(), Instant.parse(t.get("launchedAt").asText()));
            }
            List<Long> starts = new ArrayList<>();
            List<Long> processing = new ArrayList<>();
            List<Long> roundTrips = new ArrayList<>();
            for (Map.Entry<String, Instant> task : launched.entrySet()) {
                Path file = jsonLines.resolve(task.getKey() + ".jsonl");
                List<long[]> permits = new ArrayList<>(); // {received, permit free}, epoch ms
                for (String line : Files.readAllLines(file)) {
                    if (!line.startsWith("{")) {
                        continue;
                    }
                    JsonNode j = json.readTree(line);
                    switch (j.path("event").asText()) {
                        case "start" ->
                            starts.add(Duration.between(
                                            task.getValue(),
                                            Instant.parse(j.get("ts").asText()))
                                    .toMillis());
                        case "message" -> {
                            boolean processed = false;
                            for (JsonNode rec : j.path("records")) {
                                processed |= rec.path("outcome").asText().equals("processed");
                            }
                            if (processed) {
                                long work = j.at("/durations_ms/work").asLong();
                                processing.add(work);
                                // the line is written once the batched delete is done: ts − total is the receipt
                                long received =
                                        Instant.parse(j.get("ts").asText()).toEpochMilli()
                                                - j.at("/durations_ms/total").asLong();
                                permits.add(new long[] {received, received + work});
                            }
                        }
                        default -> {}
                    }
                }
                roundTrips.addAll(roundTrips(permits));
            }
            long[] trips =
                    roundTrips.stream().mapToLong(Long::longValue).sorted().toArray();
            return new Measured(
                    starts.stream().mapToLong(Long::longValue).sorted().toArray(),
                    processing.stream().mapToLong(Long::longValue).toArray(),
                    trips.length == 0 ? 0 : trips[trips.length / 2]);
        }

        /**
         * One task's receive round trips: for each message received after the task's permits were
         * all taken once, the time since the latest permit freed before it. The median leaves out the
         * long polls at the end of the burst, when the queue is empty.
         */
        static List<Long> roundTrips(List<long[]> permits) {
            List<long[]> byReceipt = permits.stream()
                    .sorted(java.util.Comparator.comparingLong(p -> p[0]))
                    .toList();
            List<Long> trips = new ArrayList<>();
            for (int i = CONCURRENCY; i < byReceipt.size(); i++) {
                long received = byReceipt.get(i)[0];
                long freed = Long.MIN_VALUE;
                for (int k = 0; k < i; k++) {
                    long f = byReceipt.get(k)[1];
                    if (f <= received) {
                        freed = Math.max(freed, f);
                    }
                }
                if (freed != Long.MIN_VALUE) {
                    trips.add(received - freed);
                }
            }
            return trips;
        }

        /** One duration per line, the format of {@code ebb simulate --processing-time file:PATH}. */
        void write(Path to) throws IOException {
            Files.writeString(to.resolve("start-latency.txt"), lines(startLatencies));
            Files.writeString(to.resolve("processing-time.txt"), lines(processing));
            Files.writeString(to.resolve("receive-latency.txt"), receiveRoundTrip + "ms\n");
        }

        private static String lines(long[] millis) {
            return Arrays.stream(millis).mapToObj(v -> v + "ms").collect(Collectors.joining("\n", "", "\n"));
        }
    }

    private static long median(LongStream values) {
        long[] v = values.sorted().toArray();
        return v[v.length / 2];
    }

    private static long percentile(long[] values, int p) {
        long[] v = values.clone();
        Arrays.sort(v);
        return v[Math.min(v.length - 1, (int) Math.ceil(p / 100.0 * v.length) - 1)];
    }

    private static long min(List<RunResult> runs, java.util.function.ToLongFunction<RunResult> f) {
        return runs.stream().mapToLong(f).min().orElseThrow();
    }

    private static long max(List<RunResult> runs, java.util.function.ToLongFunction<RunResult> f) {
        return runs.stream().mapToLong(f).max().orElseThrow();
    }
}
