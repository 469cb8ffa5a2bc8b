package dev.ebb.controller.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ebb.controller.aws.LaunchFailure;
import dev.ebb.controller.cycle.CycleReport;
import dev.ebb.controller.policy.PolicyError;
import dev.ebb.controller.reconcile.Action;
import dev.ebb.controller.reconcile.ObservedTask;
import dev.ebb.controller.reconcile.Plan;
import dev.ebb.controller.reconcile.Slice;
import dev.ebb.controller.reconcile.TaskState;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One JSON line per decision that is at the same time a CloudWatch Embedded Metric Format
 * document: CloudWatch Logs keeps the fields for Logs Insights, and extracts the capitalised
 * members named in {@code _aws} as metrics (no PutMetricData call, no extra latency). Field
 * meanings are documented in docs/controller.md.
 */
public final class DecisionLine {

    /** Metric names, each a top-level member of the line. */
    public static final List<String> METRICS = List.of(
            "Backlog", "ActiveTasks", "DesiredTasks", "LaunchedTasks", "StoppedTasks", "LaunchFailures", "SpotFallbacks",
            "PolicyErrors", "Errors");

    private static final JsonFactory JSON = new JsonFactory();

    private DecisionLine() {}

    public static String render(CycleReport r, String namespace, String cluster, Instant now) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            emf(g, namespace, now);
            g.writeStringField("Cluster", cluster);
            metrics(g, r);
            g.writeStringField("event", "ebb.controller.decision");
            g.writeStringField("status", r.status().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            g.writeStringField("scheduledAt", r.scheduledAt().toString());
            g.writeBooleanField("dryRun", r.dryRun());
            g.writeStringField("policy", r.policyName());
            r.queue().ifPresent(q -> write(g, () -> {
                g.writeObjectFieldStart("queue");
                g.writeNumberField("visible", q.visible());
                g.writeNumberField("inFlight", q.inFlight());
                g.writeNumberField("delayed", q.delayed());
                g.writeEndObject();
            }));
            if (r.queue().isPresent()) {
                tasks(g, r.tasks());
            }
            r.plan().ifPresent(p -> write(g, () -> plan(g, p)));
            stringArray(g, "launchedTaskIds", r.outcome().launched());
            stringArray(g, "stoppedTaskIds", r.outcome().stopped());
            failures(g, r.outcome().failures());
            if (!r.policyErrors().isEmpty()) {
                stringArray(g, "policyErrors", r.policyErrors().stream().map(PolicyError::format).toList());
            }
            if (r.error().isPresent()) {
                g.writeStringField("error", r.error().get());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void emf(JsonGenerator g, String namespace, Instant now) throws IOException {
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
        for (String m : METRICS) {
            g.writeStartObject();
            g.writeStringField("Name", m);
            g.writeStringField("Unit", "Count");
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void metrics(JsonGenerator g, CycleReport r) throws IOException {
        Plan p = r.plan().orElse(null);
        g.writeNumberField("Backlog", p == null ? 0 : p.backlog());
        g.writeNumberField("ActiveTasks", p == null ? 0 : p.active());
        g.writeNumberField("DesiredTasks", p == null ? 0 : p.desired());
        g.writeNumberField("LaunchedTasks", r.outcome().launched().size());
        g.writeNumberField("StoppedTasks", r.outcome().stopped().size());
        g.writeNumberField("LaunchFailures", r.outcome().failures().size());
        g.writeNumberField("SpotFallbacks", r.outcome().fallbackLaunched());
        // 1 also when the stored policy was rejected and the last valid one kept: someone has a policy to fix
        g.writeNumberField("PolicyErrors", r.status() == CycleReport.Status.POLICY_INVALID || !r.policyErrors().isEmpty() ? 1 : 0);
        g.writeNumberField("Errors", r.status() == CycleReport.Status.ERROR || r.status() == CycleReport.Status.SETTINGS_INVALID ? 1 : 0);
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

    private static void write(JsonGenerator g, IoBlock block) {
        try {
            block.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
