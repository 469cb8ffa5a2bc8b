package dev.ebb.controller.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ebb.controller.cycle.CycleReport;
import dev.ebb.controller.errors.ErrorKind;
import dev.ebb.controller.policy.PolicyError;
import dev.ebb.controller.port.LaunchFailure;
import dev.ebb.controller.reconcile.Action;
import dev.ebb.controller.reconcile.Estimate;
import dev.ebb.controller.reconcile.ObservedTask;
import dev.ebb.controller.reconcile.Plan;
import dev.ebb.controller.reconcile.Slice;
import dev.ebb.controller.reconcile.TaskState;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One JSON line per decision that is at the same time a CloudWatch Embedded Metric Format
 * document: CloudWatch Logs keeps the fields for Logs Insights, and extracts the capitalised
 * members named in {@code _aws} as metrics (no PutMetricData call, no extra latency). Field
 * meanings are documented in docs/controller.md.
 */
public final class DecisionLine {

    /** Metric names, each a top-level member of the line when the cycle knows its value. */
    public static final List<String> METRICS = List.of(
            "Backlog",
            "ActiveTasks",
            "DesiredTasks",
            "LaunchedTasks",
            "StoppedTasks",
            "LaunchFailures",
            "SpotFallbacks",
            "PolicyErrors",
            "Errors",
            "TerminalErrors",
            "ArrivalsPerSecond",
            "ThroughputPerTask",
            "StartLatencySeconds");

    /** CloudWatch units of the metrics that are not plain counts. */
    private static final Map<String, String> UNITS = Map.of(
            "ArrivalsPerSecond", "Count/Second", "ThroughputPerTask", "Count/Second", "StartLatencySeconds", "Seconds");

    private static final JsonFactory JSON = new JsonFactory();

    private DecisionLine() {}

    public static String render(CycleReport r, String namespace, String cluster, Instant now) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            Map<String, Number> metrics = metrics(r);
            emf(g, namespace, now, metrics.keySet());
            g.writeStringField("Cluster", cluster);
            for (var m : metrics.entrySet()) {
                if (m.getValue() instanceof Double d) {
                    g.writeNumberField(m.getKey(), Math.round(d * 1000) / 1000.0);
                } else {
                    g.writeNumberField(m.getKey(), m.getValue().longValue());
                }
            }
            g.writeStringField("event", "ebb.controller.decision");
            g.writeStringField(
                    "status", r.status().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            g.writeStringField("scheduledAt", r.scheduledAt().toString());
            g.writeBooleanField("dryRun", r.dryRun());
            g.writeStringField("policy", r.policyName());
            r.queue()
                    .ifPresent(q -> write(() -> {
                        g.writeObjectFieldStart("queue");
                        g.writeNumberField("visible", q.visible());
                        g.writeNumberField("inFlight", q.inFlight());
                        g.writeNumberField("delayed", q.delayed());
                        g.writeEndObject();
                    }));
            if (r.queue().isPresent()) {
                tasks(g, r.tasks());
            }
            r.plan().ifPresent(p -> write(() -> plan(g, p)));
            stringArray(g, "launchedTaskIds", r.outcome().launched());
            stringArray(g, "stoppedTaskIds", r.outcome().stopped());
            failures(g, r.outcome().failures());
            if (!r.policyErrors().isEmpty()) {
                stringArray(
                        g,
                        "policyErrors",
                        r.policyErrors().stream().map(PolicyError::format).toList());
            }
            if (r.error().isPresent()) {
                g.writeStringField("error", r.error().get());
            }
            if (r.errorKind().isPresent()) {
                g.writeStringField("errorKind", r.errorKind().get().label());
            }
            if (r.trace().isPresent()) {
                g.writeStringField("errorTrace", r.trace().get());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void emf(JsonGenerator g, String namespace, Instant now, Set<String> names) throws IOException {
        g.writeObjectFieldStart("_aws");
        g.writeNumberField("Timestamp", now.toEpochMilli());
        g.writeArrayFieldStart("CloudWatchMetrics");
        g.writeStartObject();
        g.writeStringField("Namespace", namespace);
        g.writeArrayFieldStart("Dimensions");
        g.writeStartArray();
        g.writeString("Cluster");
        g.writeEndArray();
        g.writeEndArray();
        g.writeArrayFieldStart("Metrics");
        for (String m : names) {
            g.writeStartObject();
            g.writeStringField("Name", m);
            g.writeStringField("Unit", UNITS.getOrDefault(m, "Count"));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
    }

    /**
     * The metrics this cycle knows, in {@link #METRICS} order. Backlog, ActiveTasks and DesiredTasks
     * come from the plan: a cycle that failed before planning does not know them, and leaves them
     * out rather than writing 0, which a dashboard would draw as a drop to zero. The rates are there
     * only when the policy sizes by work.
     */
    static Map<String, Number> metrics(CycleReport r) {
        Map<String, Number> m = new LinkedHashMap<>();
        r.plan().ifPresent(p -> {
            m.put("Backlog", p.backlog());
            m.put("ActiveTasks", p.active());
            m.put("DesiredTasks", p.desired());
        });
        m.put("LaunchedTasks", r.outcome().launched().size());
        m.put("StoppedTasks", r.outcome().stopped().size());
        m.put("LaunchFailures", r.outcome().failures().size());
        m.put("SpotFallbacks", r.outcome().fallbackLaunched());
        // 1 also when the stored policy was rejected and the last valid one kept: someone has a policy to fix
        m.put(
                "PolicyErrors",
                r.status() == CycleReport.Status.POLICY_INVALID
                                || !r.policyErrors().isEmpty()
                        ? 1
                        : 0);
        int errors = switch (r.status()) {
            case ERROR, SETTINGS_INVALID, LAUNCH_FAILED -> 1;
            case OK, POLICY_INVALID -> 0;
        };
        m.put("Errors", errors);
        // Its own metric so that its alarm fires at the first one: retrying will not fix it. A bad
        // policy is terminal too, but it has PolicyErrors and its alarm.
        m.put("TerminalErrors", errors == 1 && r.errorKind().orElse(null) == ErrorKind.TERMINAL ? 1 : 0);
        r.plan().flatMap(Plan::estimate).ifPresent(e -> {
            m.put("ArrivalsPerSecond", e.arrivalsPerSecond());
            m.put("ThroughputPerTask", e.throughputPerTask());
            m.put("StartLatencySeconds", e.startLatency().toMillis() / 1000.0);
        });
        return m;
    }

    private static void tasks(JsonGenerator g, List<ObservedTask> tasks) throws IOException {
        Map<TaskState, Integer> byState = new EnumMap<>(TaskState.class);
        tasks.forEach(t -> byState.merge(t.state(), 1, Integer::sum));
        g.writeObjectFieldStart("tasks");
        for (var e : byState.entrySet()) {
            g.writeNumberField(e.getKey().name(), e.getValue());
        }
        g.writeEndObject();
    }

    private static void plan(JsonGenerator g, Plan p) throws IOException {
        g.writeNumberField("backlog", p.backlog());
        g.writeNumberField("active", p.active());
        g.writeNumberField("desired", p.desired());
        g.writeStringField("reason", p.reason().name());
        g.writeStringField("why", p.why());
        if (p.estimate().isPresent()) {
            Estimate e = p.estimate().get();
            g.writeObjectFieldStart("estimate");
            g.writeNumberField("arrivalsPerSecond", Math.round(e.arrivalsPerSecond() * 1000) / 1000.0);
            g.writeStringField("arrivalsFrom", e.arrivalsBasis().label());
            g.writeNumberField("throughputPerTask", Math.round(e.throughputPerTask() * 1000) / 1000.0);
            g.writeStringField("throughputFrom", e.throughputBasis().label());
            g.writeNumberField("startLatencySeconds", e.startLatency().toSeconds());
            g.writeStringField("startLatencyFrom", e.startLatencyBasis().label());
            g.writeEndObject();
        }
        switch (p.action()) {
            case Action.Hold h -> g.writeStringField("action", "hold");
            case Action.Launch l -> {
                g.writeStringField("action", "launch");
                g.writeArrayFieldStart("launches");
                for (Slice s : l.slices()) {
                    g.writeStartObject();
                    g.writeStringField("provider", s.provider().name());
                    g.writeNumberField("count", s.count());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            case Action.Stop s -> {
                g.writeStringField("action", "stop");
                stringArray(g, "stopTaskIds", s.taskIds());
                g.writeArrayFieldStart("stops");
                for (int i = 0; i < s.taskIds().size(); i++) {
                    g.writeStartObject();
                    g.writeStringField("taskId", s.taskIds().get(i));
                    g.writeStringField("why", s.reasons().get(i));
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
        }
    }

    private static void failures(JsonGenerator g, List<LaunchFailure> failures) throws IOException {
        g.writeArrayFieldStart("failures");
        for (LaunchFailure f : failures) {
            g.writeStartObject();
            g.writeStringField("provider", f.provider());
            g.writeStringField("reason", f.reason());
            if (f.detail() != null) {
                g.writeStringField("detail", f.detail());
            }
            g.writeStringField("kind", f.kind().label());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void stringArray(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private interface IoBlock {
        void run() throws IOException;
    }

    private static void write(IoBlock block) {
        try {
            block.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
