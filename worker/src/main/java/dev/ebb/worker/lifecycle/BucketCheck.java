package dev.ebb.worker.lifecycle;

import dev.ebb.worker.config.WorkerConfig;
import dev.ebb.worker.errorhandler.Failure;
import dev.ebb.worker.errorhandler.FailureClassifier;
import dev.ebb.worker.errorhandler.Operation;
import dev.ebb.worker.port.ObjectStore;
import dev.ebb.worker.process.RecordProcessor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Before the first receive: the destination exists and may be written (HeadBucket, and a small
 * object written to {@code <prefix>.ebb/write-check} and deleted again), and every allowed source
 * bucket exists and may be seen (HeadBucket). A worker that could not write would otherwise
 * download and render every image and then fail it; the check costs a few requests per task.
 *
 * <p>The requests all go out at once, beside the queue's own at start: one round trip instead of
 * one per request, which with S3 tens of milliseconds away is most of what a start waits on. Their
 * answers are then read in a fixed order (destination, write, sources), so what is reported does
 * not depend on which answer came first: a missing destination (HEAD 404) is reported as missing
 * even when the write was refused with a 403.
 *
 * <p>Only a configuration fault stops the start ({@link ExitCodes#MISCONFIGURED}). When S3 is
 * merely failing (5xx, timeouts) the worker starts anyway: its breaker holds the messages until S3
 * answers, and the first write finds a configuration fault as surely as this check would.
 */
public final class BucketCheck {

    /** How long the checks may take together, from when they were sent, before the start goes on without their answers. */
    private static final long TIMEOUT_MILLIS = 120_000;

    /** Where the write check goes, under the destination prefix; events for it are skipped. */
    public static String writeCheckKey(String prefix) {
        return prefix + RecordProcessor.RESERVED_FOLDER + "write-check";
    }

    private final List<Check> checks;
    private final long deadlineNanos;
    private final ObjectStore store;
    private final Consumer<String> warn;

    private BucketCheck(List<Check> checks, long deadlineNanos, ObjectStore store, Consumer<String> warn) {
        this.checks = checks;
        this.deadlineNanos = deadlineNanos;
        this.store = store;
        this.warn = warn;
    }

    /** One request in flight and what it checks. */
    private record Check(CompletableFuture<Void> call, Operation op, String bucket) {}

    /**
     * Sends every check's request and returns without waiting; {@link #await} reads the answers.
     *
     * @param warn told when a check could not be made (S3 failing), or the write check's object
     *     could not be deleted; the worker starts anyway
     */
    public static BucketCheck start(ObjectStore store, WorkerConfig config, Consumer<String> warn) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MILLIS);
        String dest = config.buckets().destination();
        String key = writeCheckKey(config.buckets().destinationPrefix());
        byte[] note = "written by ebb worker at start to check s3:PutObject; deleted at once\n"
                .getBytes(StandardCharsets.UTF_8);
        List<Check> checks = new ArrayList<>();
        checks.add(new Check(store.checkBucket(dest), Operation.HEAD_DESTINATION, dest));
        CompletableFuture<Void> written = store.put(dest, key, note, "text/plain", Map.of());
        checks.add(new Check(written, Operation.PUT_OUTPUT, dest));
        for (String source : config.buckets().sources()) {
            checks.add(new Check(store.checkBucket(source), Operation.HEAD_SOURCE_BUCKET, source));
        }
        // Not a configuration fault if the delete fails: a leftover note is harmless, and skipped if an
        // event names it. Not waited for either: the first receive need not wait on a round trip that
        // decides nothing. The write goes out beside the HEAD rather than after it, so a start that
        // stops (another check failed, the queue could not be read) may leave the note behind too.
        var _ = written.thenCompose(v -> store.delete(dest, key).exceptionally(e -> {
            warn.accept(
                    "could not delete s3://" + dest + "/" + key + " after the write check (" + store.fault(e) + ")");
            return null;
        }));
        return new BucketCheck(List.copyOf(checks), deadline, store, warn);
    }

    /**
     * Waits for the answers and reads them in order.
     *
     * @throws StartupException with {@link ExitCodes#MISCONFIGURED} on the first configuration fault
     */
    public void await() throws StartupException {
        for (Check check : checks) {
            await(check, Math.max(0, deadlineNanos - System.nanoTime()));
        }
    }

    private void await(Check check, long nanosLeft) throws StartupException {
        try {
            check.call().get(nanosLeft, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while checking s3://" + check.bucket(), e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            Failure f = FailureClassifier.classify(check.op(), check.bucket(), store.fault(cause));
            if (f instanceof Failure.Configuration c) {
                throw new StartupException(c.detail(), cause, ExitCodes.MISCONFIGURED);
            }
            warn.accept("could not check s3://" + check.bucket() + " at start (" + f.reason() + ": " + f.detail()
                    + "); starting anyway");
        }
    }
}
