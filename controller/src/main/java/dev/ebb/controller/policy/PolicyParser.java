package dev.ebb.controller.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads a {@code ScalingPolicy} file. Works on snakeyaml-engine's node tree rather than on maps so
 * that every error can name its line and column; the rules mirror {@code scaling-policy.schema.json}
 * (a test holds the two together) plus the cross-field ones JSON Schema cannot express (min ≤ max).
 */
public final class PolicyParser {

    public static final String API_VERSION = "ebb.dev/v1";
    public static final String KIND = "ScalingPolicy";
    /** The policy bundled into the jar at build time from {@code config/scaling-policy.yaml}. */
    public static final String BUNDLED_RESOURCE = "/ebb/scaling-policy.yaml";

    static final int MAX_TASKS = 1_000;
    static final int MAX_TARGET = 100_000;
    static final int MAX_ACTIVATION = 1_000_000;
    static final int MAX_LAUNCHES_PER_CYCLE = 100;
    static final int MAX_WINDOW_SECONDS = 3_600;
    static final int MAX_STOPS_PER_HOUR = 1_000;
    public static final int DEFAULT_MAX_STOPS_PER_HOUR = 60;
    static final Duration MAX_DRAIN_WITHIN = Duration.ofHours(24);
    static final Duration MAX_START_LATENCY = Duration.ofMinutes(30);
    static final double MAX_THROUGHPUT = 100_000;

    private static final List<String> TOP = List.of("apiVersion", "kind", "metadata", "spec");
    private static final List<String> METADATA = List.of("name", "description");
    private static final List<String> SPEC = List.of(
            "paused",
            "work",
            "targetMessagesPerTask",
            "minTasks",
            "maxTasks",
            "activationMessages",
            "countInFlight",
            "countDelayed",
            "maxLaunchesPerCycle",
            "capacityProviders",
            "spotFallback",
            "scaleDown");
    private static final List<String> WORK =
            List.of("drainWithin", "targetUtilization", "assumedThroughputPerTask", "assumedStartLatency");
    private static final List<String> SCALE_DOWN = List.of("mode", "stabilizationWindowSeconds", "maxStopsPerHour");
    /** The work block's defaults; docs/controller.md and the schema say the same. */
    static final Sizing.ByWork WORK_DEFAULTS = new Sizing.ByWork(Duration.ofMinutes(3), 80, 10, Duration.ofSeconds(60));

    private PolicyParser() {}

    public static PolicyResult parse(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            return new PolicyResult.Invalid(
                    List.of(new PolicyError(file.toString(), 1, 1, "", "cannot read the file: " + e)));
        }
    }

    /** The policy bundled into the jar: it cannot change while the jar runs, so it is read and checked once. */
    public static PolicyResult parseBundled() {
        return Bundled.RESULT;
    }

    /** Read on first use (the holder idiom): a controller that never falls back never reads it. */
    private static final class Bundled {
        static final PolicyResult RESULT = readBundled();
    }

    private static PolicyResult readBundled() {
        return parseResource(PolicyParser.class, BUNDLED_RESOURCE, "the build copies config/scaling-policy.yaml here");
    }

    /**
     * A policy bundled as a class-path resource of {@code owner}'s module (the controller's default,
     * {@code ebb local}'s), with errors named {@code classpath:<resource>}.
     *
     * @param whereFrom said when the resource is missing: how it should have got there
     */
    public static PolicyResult parseResource(Class<?> owner, String resource, String whereFrom) {
        String name = "classpath:" + resource;
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                return new PolicyResult.Invalid(List.of(new PolicyError(name, 1, 1, "", "not bundled; " + whereFrom)));
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            return new PolicyResult.Invalid(List.of(new PolicyError(name, 1, 1, "", e.toString())));
        }
    }

    /** @param file how errors name the source, usually its path */
    public static PolicyResult parse(String yaml, String file) {
        Problems problems = new Problems(file);
        Optional<Node> root;
        try {
            root = new Compose(LoadSettings.builder().setLabel(file).build()).composeString(yaml);
        } catch (MarkedYamlEngineException e) {
            problems.at(e.getProblemMark().orElse(null), "", "not valid YAML: " + e.getProblem());
            return new PolicyResult.Invalid(problems.all());
        } catch (YamlEngineException e) {
            problems.at((org.snakeyaml.engine.v2.exceptions.Mark) null, "", "not valid YAML: " + e.getMessage());
            return new PolicyResult.Invalid(problems.all());
        }
        if (root.isEmpty()) {
            problems.at(
                    (org.snakeyaml.engine.v2.exceptions.Mark) null,
                    "",
                    "the file is empty; expected apiVersion, kind, metadata and spec");
            return new PolicyResult.Invalid(problems.all());
        }
        ScalingPolicy policy = MappingReader.of(root.get(), "", TOP, problems)
                .map(top -> document(top, problems))
                .orElse(null);
        return problems.any() || policy == null
                ? new PolicyResult.Invalid(problems.all())
                : new PolicyResult.Valid(policy);
    }

    private static ScalingPolicy document(MappingReader top, Problems problems) {
        top.required("apiVersion");
        top.required("kind");
        top.required("metadata");
        top.required("spec");
        exact(top, "apiVersion", API_VERSION, problems);
        exact(top, "kind", KIND, problems);
        String name = top.mapping("metadata", METADATA)
                .map(m -> metadataName(m, problems))
                .orElse("");
        return top.mapping("spec", SPEC).map(spec -> spec(name, spec, problems)).orElse(null);
    }

    private static String metadataName(MappingReader metadata, Problems problems) {
        metadata.required("name");
        metadata.string("description");
        Optional<String> name = metadata.string("name");
        if (name.isPresent() && !name.get().matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
            problems.at(
                    metadata.value("name").orElseThrow(),
                    metadata.keyPath("name"),
                    "must be lower-case letters, digits and '-', 1 to 63 characters, got '" + name.get() + "'");
        }
        return name.orElse("");
    }

    private static ScalingPolicy spec(String name, MappingReader spec, Problems problems) {
        spec.required("maxTasks");
        Sizing sizing = sizing(spec, problems);
        int min = spec.integer("minTasks", 0, 0, MAX_TASKS);
        int max = spec.integer("maxTasks", MAX_TASKS, 1, MAX_TASKS);
        if (min > max && spec.value("minTasks").isPresent()) {
            problems.at(
                    spec.value("minTasks").orElseThrow(),
                    spec.keyPath("minTasks"),
                    "must not exceed maxTasks (" + max + "), got " + min);
        }
        Map<String, ScaleDownMode> modes = new LinkedHashMap<>();
        for (ScaleDownMode m : ScaleDownMode.values()) {
            modes.put(m.yamlName(), m);
        }
        // Sized by work, the fleet follows the load both ways; by message count it keeps the old default.
        ScaleDownMode defaultMode = sizing instanceof Sizing.ByWork ? ScaleDownMode.STOP_EXCESS : ScaleDownMode.DRAIN;
        ScaleDown scaleDown = spec.mapping("scaleDown", SCALE_DOWN)
                .map(s -> new ScaleDown(
                        s.choice("mode", defaultMode, modes),
                        Duration.ofSeconds(s.integer("stabilizationWindowSeconds", 300, 0, MAX_WINDOW_SECONDS)),
                        s.integer("maxStopsPerHour", DEFAULT_MAX_STOPS_PER_HOUR, 1, MAX_STOPS_PER_HOUR)))
                .orElse(new ScaleDown(defaultMode, Duration.ofMinutes(5), DEFAULT_MAX_STOPS_PER_HOUR));
        boolean paused = spec.bool("paused", false);
        int activation = spec.integer("activationMessages", 1, 0, MAX_ACTIVATION);
        boolean countInFlight = spec.bool("countInFlight", true);
        boolean countDelayed = spec.bool("countDelayed", false);
        int maxLaunches = spec.integer("maxLaunchesPerCycle", 10, 1, MAX_LAUNCHES_PER_CYCLE);
        List<ProviderShare> strategy = StrategyReader.read(spec, problems);
        boolean spotFallback = spec.bool("spotFallback", true);
        if (problems.any() || sizing == null) {
            return null; // every error is reported; a policy is only built from a clean file
        }
        return new ScalingPolicy(
                name,
                paused,
                sizing,
                min,
                max,
                activation,
                countInFlight,
                countDelayed,
                maxLaunches,
                strategy,
                spotFallback,
                scaleDown);
    }

    /** Exactly one of {@code work} and {@code targetMessagesPerTask}. */
    private static Sizing sizing(MappingReader spec, Problems problems) {
        boolean byMessages = spec.value("targetMessagesPerTask").isPresent();
        boolean byWork = spec.value("work").isPresent();
        if (byMessages && byWork) {
            problems.at(
                    spec.keyNode("targetMessagesPerTask").orElseThrow(),
                    spec.keyPath("targetMessagesPerTask"),
                    "set either work (size by measured work) or targetMessagesPerTask (size by message count), not both;"
                            + " remove this line to size by work");
            return null;
        }
        if (!byMessages && !byWork) {
            spec.missing(
                    "work",
                    "required: add work (size by measured work; see config/scaling-policy.yaml) or"
                            + " targetMessagesPerTask (size by message count)");
            return null;
        }
        if (byMessages) {
            return new Sizing.ByMessages(spec.integer("targetMessagesPerTask", 1, 1, MAX_TARGET));
        }
        Sizing.ByWork d = WORK_DEFAULTS;
        return spec.mapping("work", WORK)
                .map(w -> new Sizing.ByWork(
                        w.duration("drainWithin", d.drainWithin(), Duration.ofSeconds(10), MAX_DRAIN_WITHIN),
                        w.integer("targetUtilization", d.targetUtilizationPercent(), 10, 100),
                        w.number("assumedThroughputPerTask", d.assumedThroughputPerTask(), 0.001, MAX_THROUGHPUT),
                        w.duration("assumedStartLatency", d.assumedStartLatency(), Duration.ZERO, MAX_START_LATENCY)))
                .orElse(null);
    }

    private static void exact(MappingReader top, String key, String expected, Problems problems) {
        top.value(key).ifPresent(node -> {
            Optional<String> actual = top.string(key);
            if (actual.isPresent() && !actual.get().equals(expected)) {
                problems.at(node, key, "must be " + expected + ", got '" + actual.get() + "'");
            }
        });
    }
}
