package dev.ebb.worker.observe;

import dev.ebb.worker.process.MessageOutcome;
import dev.ebb.worker.process.RecordResult;
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
            JsonObject rec = new JsonObject().put("bucket", r.event().bucket()).put("key", r.event().key());
            RecordResult.Timings t = RecordResult.Timings.NONE;
            switch (r) {
                case RecordResult.Done d -> {
                    rec.put("outcome", "processed").put("outputs", new JsonArray(d.outputKeys()));
                    t = d.timings();
                }
                case RecordResult.Skipped s -> rec.put("outcome", "skipped").put("reason", s.reason());
                case RecordResult.Failed f -> {
                    rec.put("outcome", "failed").put("reason", f.failure().reason()).put("detail", f.failure().detail());
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
                .put("ts", Instant.now().toString())
                .put("event", "message")
                .put("message_id", o.message().id())
                .put("receive_count", o.message().receiveCount())
                .put("outcome", o.outcome())
                .put("reason", o.reason())
                .put("records", records)
                .put("durations_ms", new JsonObject().put("download", download).put("render", render).put("upload", upload)
                        .put("work", o.workMillis()).put("total", o.totalMillis()))
                .put("bytes_in", in)
                .put("bytes_out", outBytes);
        if (o.detail() != null) {
            line.put("detail", o.detail());
        }
        print(line);
    }

    /** Lifecycle lines (start, stop, exit) in the same format. */
    public void event(String event, JsonObject fields) {
        print(new JsonObject().put("ts", Instant.now().toString()).put("event", event).mergeIn(fields));
    }

    private void print(JsonObject line) {
        synchronized (out) {
            out.println(line.encode());
            out.flush();
        }
    }
}
