package dev.ebb.worker.process;

import dev.ebb.worker.acknowledgement.Acknowledger;
import dev.ebb.worker.errorhandler.Failure;
import dev.ebb.worker.errorhandler.Verdict;
import dev.ebb.worker.event.ParsedBody;
import dev.ebb.worker.event.S3Events;
import dev.ebb.worker.port.ReceivedMessage;
import dev.ebb.worker.wire.Outcomes;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One message from receipt to acknowledgement: parse the body, process its records one after the
 * other, decide ({@link Verdict}) and acknowledge. A message released at shutdown while it was
 * being processed is left alone: another worker has it now.
 */
public final class MessageHandler {

    private final RecordProcessor records;
    private final Acknowledger acks;
    private final Predicate<ReceivedMessage> released;
    private final Consumer<Failure.Configuration> misconfigured;

    /**
     * @param misconfigured told of a configuration failure before the message is acknowledged; the
     *     worker then stops and releases every message it holds, this one included
     */
    public MessageHandler(
            RecordProcessor records,
            Acknowledger acks,
            Predicate<ReceivedMessage> released,
            Consumer<Failure.Configuration> misconfigured) {
        this.records = records;
        this.acks = acks;
        this.released = released;
        this.misconfigured = misconfigured;
    }

    /**
     * @param workDone run once the message's own work is over and only its acknowledgement is
     *     left (a batched delete may wait for nine others): the worker frees its permit then
     */
    public Future<MessageOutcome> handle(ReceivedMessage m, Runnable workDone) {
        MessageClock clock = new MessageClock();
        Runnable done = () -> {
            clock.workDone();
            workDone.run();
        };
        return switch (S3Events.parse(m.body())) {
            case ParsedBody.TestEvent t -> {
                done.run();
                yield acks.delete(m, Outcomes.OfMessage.TEST_EVENT)
                        .map(o -> outcome(m, o, null, null, List.of(), clock));
            }
            case ParsedBody.Malformed bad -> {
                done.run();
                yield act(m, new Verdict.DeadLetter("malformed_event", bad.detail()), List.of(), clock);
            }
            case ParsedBody.Records rs ->
                processAll(rs).compose(results -> {
                    Verdict verdict = Verdicts.of(results);
                    // before the permit goes back: a worker about to stop must not start another receive,
                    // which would take the messages it releases as they come back
                    stopIfMisconfigured(verdict);
                    done.run();
                    return act(m, verdict, results, clock);
                });
        };
    }

    /**
     * Dead-letters the message without processing it, every record failed with {@code failure}
     * (a message that killed the workers that held it): the outcome line and the dead letter's
     * detail name its images, as for any other reason.
     */
    public Future<MessageOutcome> reject(ReceivedMessage m, Failure.Permanent failure, Runnable workDone) {
        MessageClock clock = new MessageClock(); // no work of its own: its work time stays 0
        workDone.run();
        List<RecordResult> results = switch (S3Events.parse(m.body())) {
            case ParsedBody.Records rs ->
                rs.records().stream()
                        .<RecordResult>map(e -> new RecordResult.Failed(e, failure, RecordResult.Timings.NONE))
                        .toList();
            case ParsedBody.TestEvent t -> List.of();
            case ParsedBody.Malformed bad -> List.of();
        };
        Verdict verdict =
                results.isEmpty() ? new Verdict.DeadLetter(failure.reason(), failure.detail()) : Verdicts.of(results);
        return act(m, verdict, results, clock);
    }

    private Future<List<RecordResult>> processAll(ParsedBody.Records rs) {
        List<RecordResult> results = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (var event : rs.records()) {
            chain = chain.compose(v -> records.process(event).map(r -> {
                results.add(r);
                return null;
            }));
        }
        return chain.map(v -> results);
    }

    private Future<MessageOutcome> act(
            ReceivedMessage m, Verdict verdict, List<RecordResult> results, MessageClock clock) {
        if (released.test(m)) {
            return Future.succeededFuture(outcome(m, Outcomes.OfMessage.RELEASED, "shutdown", null, results, clock));
        }
        String reason = switch (verdict) {
            case Verdict.Delete d -> null;
            case Verdict.Stop st -> st.cause().reason();
            case Verdict.DeadLetter dl -> dl.reason();
            case Verdict.Retry r -> r.reason();
        };
        String detail = switch (verdict) {
            case Verdict.Delete d -> null;
            case Verdict.Stop st -> st.cause().detail();
            case Verdict.DeadLetter dl -> dl.detail();
            case Verdict.Retry r -> r.detail();
        };
        return acks.apply(m, verdict).map(o -> outcome(m, o, reason, detail, results, clock));
    }

    /**
     * Tells the worker at once. Only records' results can say Stop (a rejected message's are
     * permanent failures); a stopping worker ignores the repeats of its other messages.
     */
    private void stopIfMisconfigured(Verdict verdict) {
        if (verdict instanceof Verdict.Stop stop) {
            misconfigured.accept(stop.cause());
        }
    }

    private static MessageOutcome outcome(
            ReceivedMessage m,
            Outcomes.OfMessage outcome,
            String reason,
            String detail,
            List<RecordResult> results,
            MessageClock clock) {
        return new MessageOutcome(
                m, outcome, reason, detail, List.copyOf(results), clock.workMillis(), clock.totalMillis());
    }

    /** A message's times from receipt: until its own work was done, and until now (it is acknowledged). */
    private static final class MessageClock {
        private final long start = System.nanoTime();
        private long workMillis;

        void workDone() {
            workMillis = millisSinceStart();
        }

        long workMillis() {
            return workMillis;
        }

        long totalMillis() {
            return millisSinceStart();
        }

        private long millisSinceStart() {
            return (System.nanoTime() - start) / 1_000_000;
        }
    }
}
