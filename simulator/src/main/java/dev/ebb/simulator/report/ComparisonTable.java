package dev.ebb.simulator.report;

import dev.ebb.controller.reconcile.Reason;
import dev.ebb.simulator.RunResult;
import dev.ebb.simulator.model.DurationText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The policies side by side, one column each, one row per figure. */
public final class ComparisonTable {

    private record Row(String label, Function<RunResult, String> value) {}

    private static final List<Row> ROWS = List.of(
            new Row("messages", r -> count(r.arrived())),
            new Row("processed", r -> count(r.processed())),
            new Row("max backlog", r -> count(r.maxBacklog())),
            new Row("wait p50", r -> waitText(r.waitP50Millis())),
            new Row("wait p95", r -> waitText(r.waitP95Millis())),
            new Row("wait p99", r -> waitText(r.waitP99Millis())),
            new Row("wait max", r -> waitText(r.waitMaxMillis())),
            new Row("time to drain", r -> r.drained() ? DurationText.format(r.timeToDrainMillis()) : "not drained"),
            new Row("peak tasks", r -> count(r.peakTasks())),
            new Row("task-minutes", r -> decimal(r.cost().taskMinutes(), 1)),
            new Row("  on Spot", r -> decimal(r.cost().spotTaskMinutes(), 1)),
            new Row("idle task-minutes", r -> decimal(r.idleTaskMillis() / 60_000.0, 1)),
            new Row("vCPU-hours", r -> decimal(r.cost().vcpuHours(), 2)),
            new Row("GB-hours", r -> decimal(r.cost().gbHours(), 2)),
            new Row(
                    "cost (USD)",
                    r -> String.format(Locale.ROOT, "$%.4f", r.cost().usd())),
            new Row("launches", r -> count(r.launches())),
            new Row("  that did no work", r -> count(r.launchesWithoutWork())),
            new Row("  Spot fallbacks", r -> count(r.spotFallbacks())),
            new Row("RunTask calls", r -> count(r.runTaskCalls())),
            new Row("launch failures", r -> count(r.launchFailures())),
            new Row("Spot interruptions", r -> count(r.spotInterruptions())),
            new Row("stopped (stop-excess)", r -> count(r.stoppedByController())),
            new Row("redelivered", r -> count(r.redelivered())));

    private static final Row SPEED = new Row(
            "simulated in",
            r -> String.format(Locale.ROOT, "%.2fs (%s events)", r.wallNanos() / 1e9, count(r.events())));

    private ComparisonTable() {}

    public static String render(List<String> headers, List<RunResult> results) {
        List<String[]> lines = new ArrayList<>();
        String[] head = new String[results.size() + 1];
        head[0] = "";
        for (int i = 0; i < results.size(); i++) {
            head[i + 1] = headers.get(i);
        }
        lines.add(head);
        List<Row> rows = new ArrayList<>(ROWS);
        rows.add(new Row(
                "controller ticks",
                r -> count(
                        r.reasons().values().stream().mapToLong(Long::longValue).sum())));
        // one row per decision reason that occurred, in the controller's order (docs/controller.md, Reasons)
        for (Reason reason : Reason.values()) {
            if (results.stream().anyMatch(r -> r.reasons().containsKey(reason))) {
                rows.add(new Row("  " + reason, r -> count(r.reasons().getOrDefault(reason, 0L))));
            }
        }
        rows.add(SPEED);
        for (Row row : rows) {
            String[] line = new String[results.size() + 1];
            line[0] = row.label();
            for (int i = 0; i < results.size(); i++) {
                line[i + 1] = row.value().apply(results.get(i));
            }
            lines.add(line);
        }
        int[] width = new int[head.length];
        for (String[] line : lines) {
            for (int c = 0; c < line.length; c++) {
                width[c] = Math.max(width[c], line[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] line : lines) {
            out.append(pad(line[0], width[0], false));
            for (int c = 1; c < line.length; c++) {
                out.append("  ").append(pad(line[c], width[c], true));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String waitText(long millis) {
        return millis < 0 ? "-" : DurationText.format(millis);
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String decimal(double v, int places) {
        return String.format(Locale.ROOT, "%,." + places + "f", v);
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return right ? fill + s : s + fill;
    }
}
