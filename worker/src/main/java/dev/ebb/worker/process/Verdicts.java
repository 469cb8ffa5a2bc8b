package dev.ebb.worker.process;

import dev.ebb.worker.errorhandler.Failure;
import dev.ebb.worker.errorhandler.Verdict;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@link Verdict} on a message from its records' results. Pure. A configuration failure in
 * any record stops the worker and releases the message (no image is to blame); otherwise a
 * transient failure in any record retries the whole message (outputs are idempotent, so the
 * records that did succeed are simply rewritten); otherwise a permanent failure dead-letters it;
 * otherwise it is deleted.
 */
public final class Verdicts {

    private Verdicts() {}

    public static Verdict of(List<RecordResult> results) {
        List<RecordResult.Failed> failed = results.stream()
                .filter(RecordResult.Failed.class::isInstance)
                .map(RecordResult.Failed.class::cast)
                .toList();
        for (RecordResult.Failed f : failed) {
            if (f.failure() instanceof Failure.Configuration c) {
                return new Verdict.Stop(c);
            }
        }
        List<RecordResult.Failed> transients = failed.stream()
                .filter(f -> f.failure() instanceof Failure.Transient)
                .toList();
        if (!transients.isEmpty()) {
            return new Verdict.Retry(transients.getFirst().failure().reason(), describe(transients));
        }
        if (!failed.isEmpty()) {
            return new Verdict.DeadLetter(failed.getFirst().failure().reason(), describe(failed));
        }
        return new Verdict.Delete();
    }

    private static String describe(List<RecordResult.Failed> failed) {
        String text = failed.stream()
                .map(f -> f.event().bucket() + "/" + f.event().key() + ": "
                        + f.failure().reason() + ": " + f.failure().detail())
                .collect(Collectors.joining("; "));
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }
}
