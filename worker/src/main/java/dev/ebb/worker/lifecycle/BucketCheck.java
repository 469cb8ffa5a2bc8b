package dev.ebb.worker.lifecycle;

import dev.ebb.worker.config.WorkerConfig;
import dev.ebb.worker.errorhandler.Failure;
import dev.ebb.worker.errorhandler.FailureClassifier;
import dev.ebb.worker.errorhandler.Operation;
import dev.ebb.worker.port.ObjectStore;
import dev.ebb.worker.process.RecordProcessor;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Before the first receive: the destination exists and may be written (HeadBucket, then a small
 * object written to {@code <prefix>.ebb/write-check} and deleted again), and every allowed source
 * bucket exists and may be seen (HeadBucket). A worker that could not write would otherwise
 * download and render every image and then fail it; the check costs a few requests per task.
 *
 * <p>Only a configuration fault stops the start ({@link ExitCodes#MISCONFIGURED}). When S3 is
 * merely failing (5xx, timeouts) the worker starts anyway: its breaker holds the messages until S3
 * answers, and the first write finds a configuration fault as surely as this check would.
 */
public final class BucketCheck {

    /** Where the write check goes, under the destination prefix; events for it are skipped. */
    public static String writeCheckKey(String prefix) {
        return prefix + RecordProcessor.RESERVED_FOLDER + "write-check";
    }

    private BucketCheck() {}

    /** @param warn told when a check could not be made (S3 failing); the worker starts anyway */
    public static void run(ObjectStore store, WorkerConfig config, Consumer<String> warn) throws StartupException {
        String dest = config.buckets().destination();
        if (check(store, store.checkBucket(dest), Operation.HEAD_DESTINATION, dest, warn)) {
            String key = writeCheckKey(config.buckets().destinationPrefix());
            byte[] note = "written by ebb worker at start to check s3:PutObject; deleted at once\n"
                    .getBytes(StandardCharsets.UTF_8);
            if (check(store, store.put(dest, key, note, "text/plain", Map.of()), Operation.PUT_OUTPUT, dest, warn)) {
                // Not a configuration fault if it fails: a leftover note is harmless, and skipped if an event names it.
                // Not waited for either: the first receive need not wait on a round trip that decides nothing.
                var _ = store.delete(dest, key).whenComplete((v, e) -> {
                    if (e != null) {
                        warn.accept("could not delete s3://" + dest + "/" + key + " after the write check ("
                                + store.fault(e) + ")");
                    }
                });
            }
        }
        for (String source : config.buckets().sources()) {
            check(store, store.checkBucket(source), Operation.HEAD_SOURCE_BUCKET, source, warn);
        }
    }

    /** True when the call succeeded; false when S3 failed transiently. */
    private static boolean check(
            ObjectStore store, CompletableFuture<Void> call, Operation op, String bucket, Consumer<String> warn)
            throws StartupException {
        try {
            call.get(120, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while checking s3://" + bucket, e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            Failure f = FailureClassifier.classify(op, bucket, store.fault(cause));
            if (f instanceof Failure.Configuration c) {
                throw new StartupException(c.detail(), cause, ExitCodes.MISCONFIGURED);
            }
            warn.accept("could not check s3://" + bucket + " at start (" + f.reason() + ": " + f.detail()
                    + "); starting anyway");
            return false;
        }
    }
}
