package dev.ebb.controller.reconcile;

import dev.ebb.controller.policy.CapacityProvider;
import dev.ebb.controller.policy.PolicyParser;
import dev.ebb.controller.policy.PolicyResult;
import dev.ebb.controller.policy.ScalingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Short notations so reconcile tables read as tables. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    /** The shipped default spec; each row overrides keys with a YAML flow mapping. */
    private static final String BASE = """
            targetMessagesPerTask: 10
            minTasks: 0
            maxTasks: 20
            activationMessages: 1
            countInFlight: true
            countDelayed: false
            maxLaunchesPerCycle: 10
            capacityProviders:
              - {name: FARGATE_SPOT, weight: 3}
              - {name: FARGATE, base: 1, weight: 1}
            spotFallback: true
            scaleDown: {mode: drain, stabilizationWindowSeconds: 300}
            """;

    /** A work-sized spec: drain within 3m at 80%, 10 msg/s and 60s assumed; Spot 3:1 with one on-demand base. */
    private static final String WORK_BASE = """
            work: {drainWithin: 3m, targetUtilization: 80, assumedThroughputPerTask: 10, assumedStartLatency: 60s}
            minTasks: 0
            maxTasks: 20
            maxLaunchesPerCycle: 20
            capacityProviders:
              - {name: FARGATE_SPOT, weight: 3}
              - {name: FARGATE, base: 1, weight: 1}
            scaleDown: {mode: stop-excess, stabilizationWindowSeconds: 300, maxStopsPerHour: 60}
            """;

    private Fixtures() {}

    /** The work-sized spec, with keys overridden by a YAML flow mapping (a {@code work} override replaces the block). */
    static ScalingPolicy workPolicy(String overrides) {
        return build(WORK_BASE, overrides);
    }

    static ScalingPolicy policy(String overrides) {
        return build(BASE, overrides);
    }

    @SuppressWarnings("unchecked")
    private static ScalingPolicy build(String base, String overrides) {
        Load load = new Load(LoadSettings.builder().build());
        Map<String, Object> spec = new LinkedHashMap<>((Map<String, Object>) load.loadFromString(base));
        if (!overrides.isBlank()) {
            spec.putAll((Map<String, Object>) load.loadFromString("{" + overrides + "}"));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", PolicyParser.API_VERSION);
        doc.put("kind", PolicyParser.KIND);
        doc.put("metadata", Map.of("name", "table"));
        doc.put("spec", spec);
        PolicyResult result = PolicyParser.parse(new Dump(DumpSettings.builder().build()).dumpToString(doc), "row");
        if (result instanceof PolicyResult.Valid(ScalingPolicy p)) {
            return p;
        }
        throw new IllegalArgumentException("row policy invalid: " + result);
    }

    /**
     * Tasks as words: state letter (V provisioning, P pending, A activating, R running,
     * D deactivating, X stopping, Z stopped), provider letter (S spot, F fargate, - none), and an
     * optional busy mark (! busy, ~ idle), and an optional {@code @N}: its containers started N seconds
     * after it was created. Ids t1, t2, … in order, created a minute apart; later tasks are newer.
     */
    static List<ObservedTask> tasks(String words) {
        List<ObservedTask> out = new ArrayList<>();
        int i = 0;
        for (String word : words.trim().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            i++;
            String w = word.contains("@") ? word.substring(0, word.indexOf('@')) : word;
            Optional<Long> startedAfter = word.contains("@")
                    ? Optional.of(Long.parseLong(word.substring(word.indexOf('@') + 1)))
                    : Optional.empty();
            TaskState state = switch (w.charAt(0)) {
                case 'V' -> TaskState.PROVISIONING;
                case 'P' -> TaskState.PENDING;
                case 'A' -> TaskState.ACTIVATING;
                case 'R' -> TaskState.RUNNING;
                case 'D' -> TaskState.DEACTIVATING;
                case 'X' -> TaskState.STOPPING;
                case 'Z' -> TaskState.STOPPED;
                default -> throw new IllegalArgumentException(w);
            };
            Optional<CapacityProvider> provider = switch (w.charAt(1)) {
                case 'S' -> Optional.of(CapacityProvider.FARGATE_SPOT);
                case 'F' -> Optional.of(CapacityProvider.FARGATE);
                default -> Optional.empty();
            };
            Busy busy = w.length() > 2 ? (w.charAt(2) == '!' ? Busy.YES : Busy.NO) : Busy.UNKNOWN;
            Instant created = NOW.minusSeconds(3600).plusSeconds(60L * i);
            out.add(new ObservedTask("t" + i, state, provider, created, busy, startedAfter.map(created::plusSeconds)));
        }
        return out;
    }

    /** "400:3 200:5" = desired 3 four hundred seconds ago, desired 5 two hundred seconds ago. */
    static History history(String words) {
        List<History.Sample> samples = new ArrayList<>();
        for (String w : words.trim().split("\\s+")) {
            if (!w.isEmpty()) {
                String[] parts = w.split(":");
                samples.add(new History.Sample(NOW.minusSeconds(Long.parseLong(parts[0])), Integer.parseInt(parts[1])));
            }
        }
        return new History(samples);
    }

    /**
     * What the throughput source measured: recent "SENT/PROCESSED/BUSY" over 600 s (SENT "-" when SQS's
     * count is missing) and long-term "PROCESSED/BUSY" over 24 h; "-" for a window with no data.
     */
    static LoadMeasurement load(String recent, String longTerm) {
        LoadMeasurement.Window r = null;
        if (recent != null && !recent.equals("-")) {
            String[] p = recent.split("/");
            r = new LoadMeasurement.Window(
                    Duration.ofMinutes(10),
                    p[0].equals("-") ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(p[0])),
                    Long.parseLong(p[1]),
                    Double.parseDouble(p[2]));
        }
        LoadMeasurement.Window l = null;
        if (longTerm != null && !longTerm.equals("-")) {
            String[] p = longTerm.split("/");
            l = new LoadMeasurement.Window(
                    Duration.ofHours(24), OptionalLong.empty(), Long.parseLong(p[0]), Double.parseDouble(p[1]));
        }
        return LoadMeasurement.of(r, l);
    }

    /** "hold", "launch FARGATE_SPOT=2 FARGATE=1", "stop t3 t2". */
    static String describe(Action action) {
        return switch (action) {
            case Action.Hold h -> "hold";
            case Action.Launch l ->
                "launch "
                        + String.join(
                                " ",
                                l.slices().stream()
                                        .map(s -> s.provider() + "=" + s.count())
                                        .toList());
            case Action.Stop s -> "stop " + String.join(" ", s.taskIds());
        };
    }
}
