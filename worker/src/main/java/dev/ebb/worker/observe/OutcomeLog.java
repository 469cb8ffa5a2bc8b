package dev.ebb.worker.observe;

import dev.ebb.worker.process.MessageOutcome;
import dev.ebb.worker.process.RecordResult;
import dev.ebb.worker.wire.LogLine;
import dev.ebb.worker.wire.Outcomes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.time.Instant;

/** One JSON line per message outcome, on stdout (CloudWatch Logs keeps one event per line). */
public final class OutcomeLog {

    private final PrintStream out;

    public OutcomeLog(PrintStream out) {
        this.out = out;
    }

    public void write(MessageOutcome o) {
        JsonArray records = new JsonArray();
        long download = 0;
        long render = 0;
        long upload = 0;
        long in = 0;
        long outBytes = 0;
        for (RecordResult r : o.records()) {
            JsonObject rec = new JsonObject()
                    .put(LogLine.BUCKET, r.event().bucket())
                    .put(LogLine.KEY, r.event().key());
            RecordResult.Timings t = RecordResult.Timings.NONE;
            switch (r) {
                case RecordResult.Done d -> {
                    rec.put(LogLine.OUTCOME, Outcomes.OfRecord.PROCESSED.wire())
                            .put(LogLine.OUTPUTS, new JsonArray(d.outputKeys()));
                    t = d.timings();
                }
                case RecordResult.Skipped s ->
                    rec.put(LogLine.OUTCOME, Outcomes.OfRecord.SKIPPED.wire()).put(LogLine.REASON, s.reason());
                case RecordResult.Failed f -> {
                    rec.put(LogLine.OUTCOME, Outcomes.OfRecord.FAILED.wire())
                            .put(LogLine.REASON, f.failure().reason())
                            .put(LogLine.DETAIL, f.failure().detail());
                    t = f.timings();
                }
            }
            download += t.downloadMs();
            render += t.renderMs();
            upload += t.uploadMs();
            in += t.bytesIn();
            outBytes += t.bytesOut();
            records.add(rec);
        }
        JsonObject line = new JsonObject()
                .put(LogLine.TS, Instant.now().toString())
                .put(LogLine.EVENT, LogLine.Event.MESSAGE.wire())
                .put(LogLine.MESSAGE_ID, o.message().id())
                .put(LogLine.RECEIVE_COUNT, o.message().receiveCount())
                .put(LogLine.OUTCOME, o.outcome().wire())
                .put(LogLine.REASON, o.reason())
                .put(LogLine.RECORDS, records)
                .put(
                        "durations_ms",
                        new JsonObject()
                                .put("download", download)
                                .put("render", render)
                                .put("upload", upload)
                                .put("work", o.workMillis())
                                .put("total", o.totalMillis()))
                .put("bytes_in", in)
                .put("bytes_out", outBytes);
        if (o.detail() != null) {
            line.put(LogLine.DETAIL, o.detail());
        }
        print(line);
    }

    /** Lifecycle lines (start, stop, exit) in the same format. */
    public void event(LogLine.Event event, JsonObject fields) {
        event(event.wire(), fields);
    }

    /** A line of any name: {@link DiagnosticLog}'s on stderr, which nothing reads back. */
    void event(String event, JsonObject fields) {
        print(new JsonObject()
                .put(LogLine.TS, Instant.now().toString())
                .put(LogLine.EVENT, event)
                .mergeIn(fields));
    }

    private void print(JsonObject line) {
        synchronized (out) {
            out.println(line.encode());
            out.flush();
        }
    }
}
