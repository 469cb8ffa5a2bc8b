package dev.ebb.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebb.cli.EbbCommand;
import dev.ebb.cli.samples.SampleImages;
import dev.ebb.image.geometry.Layout;
import dev.ebb.image.geometry.Size;
import dev.ebb.image.naming.OutputKeys;
import dev.ebb.image.spec.OutputSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on one machine, through the command a user types: embedded SQS and S3, the
 * real controller every tick, worker processes. Short ticks, visibility timeouts and idle windows
 * keep each run well under a minute.
 */
class LocalCommandIT {

    private static final List<OutputSpec> SPECS = List.of(OutputSpec.fit(224, 224), OutputSpec.fit(299, 299));
    private static final String[] FAST = {
        "--tick", "1s", "--visibility-timeout", "4s", "--worker-idle", "2s", "--worker-grace", "3s"
    };

    @TempDir
    Path dir;

    @AfterEach
    void noRunOutlivesItsTest() {
        LocalRun.closeAll();
    }

    @Test
    void processesEveryImageReportsEveryCorruptFileAndLeavesNothingBehind() throws Exception {
        Path input = dir.resolve("in");
        SampleImages.write(input, 100, 7);
        Files.createDirectories(input.resolve("bad"));
        Files.write(input.resolve("bad/empty.jpg"), new byte[0]);
        Files.writeString(input.resolve("bad/notes.txt"), "not an image at all");
        byte[] jpeg = Files.readAllBytes(input.resolve("batch-1/photo-0001.jpg"));
        Files.write(input.resolve("bad/truncated.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
        Files.write(input.resolve("bad/scan.tiff"), new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 0, 0, 0, 0});
        Path out = dir.resolve("out");

        LocalRun run = LocalRun.start(dir, concat(FAST, "--input", input.toString(), "--output", out.toString()));
        int code = run.awaitExit();

        assertThat(code).as("exit code").isZero();
        JsonNode report = run.report();
        assertThat(report.at("/totals/inputs").asInt()).isEqualTo(104);
        assertThat(report.at("/totals/processed").asInt()).isEqualTo(100);
        assertThat(report.at("/totals/unaccounted").asInt()).isZero();
        Map<String, String> reasons = new HashMap<>();
        for (JsonNode e : report.get("inputs")) {
            if (e.get("status").asText().equals("failed")) {
                reasons.put(e.get("key").asText(), e.get("reason").asText());
            }
        }
        assertThat(reasons)
                .containsOnly(
                        Map.entry("bad/empty.jpg", "empty"),
                        Map.entry("bad/notes.txt", "unsupported_format"),
                        Map.entry("bad/truncated.jpg", "corrupt"),
                        Map.entry("bad/scan.tiff", "unsupported_format"));

        // every output where ebb resize would put it, sized as the engine's geometry says
        Set<String> expected = new TreeSet<>();
        for (String key : keysUnder(input)) {
            if (key.startsWith("bad/")) {
                continue;
            }
            var source = ImageIO.read(input.resolve(key).toFile());
            for (OutputSpec spec : SPECS) {
                String outKey = OutputKeys.of("", key, spec);
                expected.add(outKey);
                var img = ImageIO.read(out.resolve(outKey).toFile());
                Size canvas = Layout.of(new Size(source.getWidth(), source.getHeight()), spec)
                        .canvas();
                assertThat(new Size(img.getWidth(), img.getHeight())).as(outKey).isEqualTo(canvas);
            }
        }
        assertThat(new TreeSet<>(keysUnder(out))).isEqualTo(expected);

        // no worker left, nothing left in the temporary folder
        for (JsonNode t : report.at("/tasks/each")) {
            assertThat(ProcessHandle.of(t.get("pid").asLong())
                            .map(ProcessHandle::isAlive)
                            .orElse(false))
                    .as("worker %s still alive", t.get("id").asText())
                    .isFalse();
            assertThat(t.get("exitCode").asInt()).isZero();
        }
        assertThat(report.at("/tasks/launched").asInt()).isPositive();
        assertThat(listing(run.tmp)).as("left in the run's temporary folder").isEmpty();
        assertThat(LocalRun.text(run.stdout)).contains("104 inputs: 100 processed, 4 failed");
    }

    @Test
    void aWorkerKilledAndAnotherTerminatedMidRunLoseNothingAndAreReplaced() throws Exception {
        Path input = dir.resolve("in");
        SampleImages.write(input, 160, 11);
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, """
                apiVersion: ebb.dev/v1
                kind: ScalingPolicy
                metadata:
                  name: chaos
                spec:
                  targetMessagesPerTask: 10
                  maxTasks: 3
                  maxLaunchesPerCycle: 3
                  capacityProviders:
                    - name: FARGATE
                      weight: 1
                """);
        Path out = dir.resolve("out");
        // one message at a time per worker, so the fleet is still busy when the test strikes
        LocalRun run = LocalRun.start(
                dir,
                concat(
                        FAST,
                        "--input",
                        input.toString(),
                        "--output",
                        out.toString(),
                        "--policy",
                        policy.toString(),
                        "--worker-env",
                        "EBB_CONCURRENCY=1",
                        "--worker-env",
                        "EBB_WORKER_THREADS=1"));

        List<ProcessHandle> victims = new ArrayList<>();
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    List<ProcessHandle> w = run.workers();
                    if (w.size() >= 2 && run.processedSoFar() >= 5) {
                        victims.addAll(w.subList(0, 2));
                        return true;
                    }
                    return !run.process.isAlive();
                });
        assertThat(victims).as("two workers were busy at once").hasSize(2);
        victims.get(0).destroyForcibly(); // kill -9: a crash, its messages come back after the visibility timeout
        victims.get(1).destroy(); // SIGTERM: what ECS sends on StopTask or a Spot interruption
        int code = run.awaitExit();

        assertThat(code).as("exit code").isZero();
        JsonNode report = run.report();
        assertThat(report.at("/totals/processed").asInt()).isEqualTo(160);
        assertThat(report.at("/totals/unaccounted").asInt()).isZero();
        List<String> exits = new ArrayList<>();
        report.at("/tasks/each").forEach(t -> exits.add(t.get("exitReason").asText()));
        assertThat(exits).contains("killed (SIGKILL)").anyMatch(r -> r.startsWith("stopped (SIGTERM)"));
        // the controller replaced them: more tasks than the policy's 3 at once were launched in all
        assertThat(report.at("/tasks/launched").asInt()).isGreaterThan(3);
        assertThat(report.at("/tasks/peak").asInt()).isLessThanOrEqualTo(3);
        // each input's outputs exactly once, nothing else
        Set<String> expected = new TreeSet<>();
        for (String key : keysUnder(input)) {
            SPECS.forEach(s -> expected.add(OutputKeys.of("", key, s)));
        }
        List<String> written = keysUnder(out);
        assertThat(written).doesNotHaveDuplicates();
        assertThat(new TreeSet<>(written)).isEqualTo(expected);
        assertThat(report.get("inputs")).hasSize(160);
        for (JsonNode t : report.at("/tasks/each")) {
            assertThat(ProcessHandle.of(t.get("pid").asLong())
                            .map(ProcessHandle::isAlive)
                            .orElse(false))
                    .isFalse();
        }
        assertThat(listing(run.tmp)).isEmpty();
    }

    @Test
    void twoRunsAtOnceUseTheirOwnPortsAndFolders() throws Exception {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        LocalRun first = LocalRun.start(
                a, concat(FAST, "--generate", "12", "--output", a.resolve("out").toString()));
        LocalRun second = LocalRun.start(
                b, concat(FAST, "--generate", "20", "--output", b.resolve("out").toString()));

        assertThat(first.awaitExit()).isZero();
        assertThat(second.awaitExit()).isZero();

        assertThat(first.report().at("/totals/processed").asInt()).isEqualTo(12);
        assertThat(second.report().at("/totals/processed").asInt()).isEqualTo(20);
        assertThat(keysUnder(a.resolve("out")).stream().filter(k -> !k.startsWith("_samples/")))
                .hasSize(24);
        assertThat(keysUnder(b.resolve("out")).stream().filter(k -> !k.startsWith("_samples/")))
                .hasSize(40);
        assertThat(endpoints(first)).doesNotContainAnyElementsOf(endpoints(second));
        assertThat(listing(first.tmp)).isEmpty();
        assertThat(listing(second.tmp)).isEmpty();

        // and again, in a row, into the same output folder
        LocalRun third = LocalRun.start(
                Files.createDirectories(dir.resolve("c")),
                concat(FAST, "--generate", "12", "--output", a.resolve("out").toString()));
        assertThat(third.awaitExit()).isZero();
        assertThat(third.report().at("/totals/processed").asInt()).isEqualTo(12);
    }

    @Test
    void keepRunningUploadsNewFilesReportsAgainAndCleansUpWhenStopped() throws Exception {
        Path input = dir.resolve("in");
        SampleImages.write(input, 8, 3);
        Path out = dir.resolve("out");
        LocalRun run = LocalRun.start(
                dir, concat(FAST, "--input", input.toString(), "--output", out.toString(), "--keep-running"));

        await().atMost(Duration.ofMinutes(3))
                .until(() -> LocalRun.text(run.stdout).contains("ebb local: 8 inputs: 8 processed"));
        SampleImages.write(input.resolve("later"), 4, 5);
        await().atMost(Duration.ofMinutes(3))
                .until(() -> LocalRun.text(run.stdout).contains("ebb local: 12 inputs: 12 processed"));
        assertThat(run.process.isAlive()).as("still up after draining twice").isTrue();
        JsonNode report = run.report();
        run.process.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the shutdown hook stops workers and emulators
        run.awaitExit();

        assertThat(report.at("/totals/processed").asInt()).isEqualTo(12);
        assertThat(keysUnder(out))
                .filteredOn(k -> k.startsWith("224x224/later/"))
                .hasSize(4);
        for (JsonNode t : report.at("/tasks/each")) {
            assertThat(ProcessHandle.of(t.get("pid").asLong())
                            .map(ProcessHandle::isAlive)
                            .orElse(false))
                    .isFalse();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> listing(run.tmp).isEmpty());
    }

    @Test
    void aPolicyThatCannotBeReadIsABadCommandLine() throws Exception {
        Path policy = dir.resolve("bad.yaml");
        Files.writeString(
                policy, "apiVersion: ebb.dev/v1\nkind: ScalingPolicy\nmetadata:\n  name: x\nspec:\n  maxTask: 3\n");
        var err = new java.io.StringWriter();
        var cmd = EbbCommand.commandLine();
        cmd.setErr(new java.io.PrintWriter(err));
        int code = cmd.execute(
                "local", "--generate", "1", "--output", dir.resolve("out").toString(), "--policy", policy.toString());
        assertThat(code).isEqualTo(2);
    }

    private static List<String> endpoints(LocalRun run) throws IOException {
        var m = java.util.regex.Pattern.compile("http://127\\.0\\.0\\.1:\\d+").matcher(LocalRun.text(run.stderr));
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group());
        }
        assertThat(found).hasSizeGreaterThanOrEqualTo(2);
        return found;
    }

    private static List<String> keysUnder(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }

    private static List<Path> listing(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.toList();
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
