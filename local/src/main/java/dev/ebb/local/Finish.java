package dev.ebb.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ebb.local.account.Accounting;
import dev.ebb.local.account.DeadLetter;
import dev.ebb.local.account.DeadLetters;
import dev.ebb.local.account.OutputCopy;
import dev.ebb.local.emulators.LocalAws;
import dev.ebb.local.platform.ProcessTaskFleet;
import dev.ebb.local.platform.WorkerTask;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The end of a run: copy the destination bucket to the output folder, read the dead-letter queue,
 * account for every input, write the JSON report and print the summary.
 */
final class Finish {

    private final LocalOptions options;
    private final LocalAws aws;
    private final ProcessTaskFleet fleet;
    private final Milestones timeline;
    private final PrintStream out;

    Finish(LocalOptions options, LocalAws aws, ProcessTaskFleet fleet, Milestones timeline, PrintStream out) {
        this.options = options;
        this.aws = aws;
        this.fleet = fleet;
        this.timeline = timeline;
        this.out = out;
    }

    /** @param stopped why the run stopped before it settled, if it did */
    LocalPipeline.Result complete(
            List<String> inputKeys,
            Optional<String> stopped,
            List<Map<String, Object>> decisions,
            int ticks,
            long peakTasks)
            throws IOException {
        if (!options.keepRunning() && fleet.alive() > 0) {
            fleet.shutdown(options.workerGrace().plusSeconds(5)); // minTasks > 0, or a stalled run
        }
        Files.createDirectories(options.output());
        Map<String, Accounting.Output> outputs = OutputCopy.copy(aws.s3, LocalAws.DEST_BUCKET, options.output());
        List<DeadLetter> dead = DeadLetters.read(aws.sqs, aws.deadLetterQueueUrl);
        Accounting.Result account = Accounting.of(inputKeys, options.specs(), outputs, dead);
        timeline.remark("finished");
        List<WorkerTask> tasks = fleet.all();
        if (options.report().isPresent()) {
            writeReport(options.report().get(), account, stopped, decisions, ticks, peakTasks, tasks);
        }
        String summary = summary(account, stopped, tasks, peakTasks, outputs.size());
        out.println(summary);
        out.flush();
        return new LocalPipeline.Result(account.unaccounted().isEmpty() && stopped.isEmpty() ? 0 : 1, summary);
    }

    private String summary(
            Accounting.Result a, Optional<String> stopped, List<WorkerTask> tasks, long peak, int files) {
        double seconds = timeline.seconds();
        int inputs = a.entries().size() + a.unaccounted().size();
        StringBuilder s = new StringBuilder(String.format(
                "ebb local: %d inputs: %d processed, %d failed%s in %.1f s (%.1f img/s)",
                inputs,
                a.processed(),
                a.failed(),
                a.failed() > 0 ? " " + a.failedByReason() : "",
                seconds,
                seconds > 0 ? a.entries().size() / seconds : 0));
        Map<String, Double> marks = timeline.marks();
        if (marks.containsKey("firstLaunch") && marks.containsKey("drained")) {
            double drain = marks.get("drained") - marks.get("firstLaunch");
            s.append(String.format(
                    "%n  queue drained %.1f s after the first launch (%.1f img/s, worker start-up included)",
                    drain, drain > 0 ? a.entries().size() / drain : 0));
        }
        s.append(String.format(
                "%n  tasks: %d launched %s, at most %d active at once; exits %s",
                tasks.size(), byProvider(tasks), peak, exits(tasks)));
        s.append(String.format("%n  outputs: %d files in %s", files, options.output()));
        options.report().ifPresent(r -> s.append("; report ").append(r));
        stopped.ifPresent(why -> s.append(String.format("%nSTOPPED before the queue drained: %s", why)));
        if (!a.unaccounted().isEmpty()) {
            s.append(String.format("%nNOT accounted for (%d):", a.unaccounted().size()));
            a.unaccounted().forEach(u -> s.append("\n  ").append(u));
        }
        return s.toString();
    }

    private static Map<String, Long> byProvider(List<WorkerTask> tasks) {
        Map<String, Long> m = new TreeMap<>();
        tasks.forEach(t -> m.merge(t.provider().name(), 1L, Long::sum));
        return m;
    }

    private static Map<String, Long> exits(List<WorkerTask> tasks) {
        Map<String, Long> m = new TreeMap<>();
        tasks.forEach(t -> m.merge(t.isAlive() ? "still running" : exitKind(t), 1L, Long::sum));
        return m;
    }

    private static String exitKind(WorkerTask t) {
        String reason = t.exitReason().orElse("?");
        return reason.startsWith("idle") ? "idle" : reason;
    }

    private void writeReport(
            Path file,
            Accounting.Result a,
            Optional<String> stopped,
            List<Map<String, Object>> decisions,
            int ticks,
            long peak,
            List<WorkerTask> tasks)
            throws IOException {
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("inputs", a.entries().size() + a.unaccounted().size());
        totals.put("processed", a.processed());
        totals.put("failed", a.failed());
        totals.put("failedByReason", a.failedByReason());
        totals.put("unaccounted", a.unaccounted().size());
        Map<String, Object> taskDoc = new LinkedHashMap<>();
        taskDoc.put("launched", tasks.size());
        taskDoc.put("byProvider", byProvider(tasks));
        taskDoc.put("peak", peak);
        taskDoc.put("exits", exits(tasks));
        taskDoc.put(
                "each",
                tasks.stream()
                        .map(t -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("id", t.id());
                            m.put("provider", t.provider().name());
                            m.put("pid", t.pid());
                            m.put("launchedAt", t.createdAt().toString());
                            m.put("exitedAt", t.exitedAt().map(Object::toString).orElse(null));
                            m.put("exitCode", t.exitCode().orElse(null));
                            m.put("exitReason", t.exitReason().orElse(null));
                            return m;
                        })
                        .toList());
        Map<String, Object> controller = new LinkedHashMap<>();
        controller.put(
                "policy", options.policyFile().map(Path::toString).orElse("classpath:" + Policies.LOCAL_RESOURCE));
        controller.put("tickSeconds", options.tick().toMillis() / 1000.0);
        controller.put("ticks", ticks);
        controller.put("decisions", decisions);
        Map<String, Object> timings = new LinkedHashMap<>(timeline.marks());
        timings.put("totalSeconds", Math.round(timeline.seconds() * 100) / 100.0);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("totals", totals);
        doc.put("stoppedEarly", stopped.orElse(null));
        doc.put("tasks", taskDoc);
        doc.put("controller", controller);
        doc.put("timings", timings);
        doc.put("inputs", a.entries());
        doc.put("unaccounted", a.unaccounted());
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
    }
}
