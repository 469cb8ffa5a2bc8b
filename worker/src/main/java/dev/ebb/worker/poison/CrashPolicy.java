package dev.ebb.worker.poison;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Decides what to do with a received message from its ApproximateReceiveCount and its attempt
 * marker. Pure.
 *
 * <p>A receive count above 1 alone proves nothing: a transient failure, a release at SIGTERM or a
 * failed delete re-deliver a message too. What proves that the worker holding it died (out of
 * memory, a native crash in the decoder, kill -9) is the marker its attempt left behind: a
 * re-delivered message gets one before it is processed, and it is deleted whenever the attempt
 * ends in an orderly way. First receives write none, so the common path costs no request.
 *
 * <ul>
 *   <li>first receive: process (no marker read or written);</li>
 *   <li>re-delivered, no marker (or none readable): write one, process;</li>
 *   <li>a marker of an earlier attempt, the first such death: write one saying so and process the
 *       message <b>alone</b> (no other message at work in the worker), so that a worker crowded
 *       by other messages is ruled out;</li>
 *   <li>a marker of an earlier attempt that already counted a death (the message killed a worker
 *       while it was alone): dead-letter it as {@value #REASON}, before the queue's redrive moves it
 *       there without a reason.</li>
 * </ul>
 * The worker needs a receive to read each marker: with the queue's {@code maxReceiveCount} below
 * {@value #RECEIVES_NEEDED} the redrive comes first ({@link Plan.Alone#lastReceive()}).
 */
public final class CrashPolicy {

    /** The dead letter's {@code ebb-reason}. */
    public static final String REASON = "crashed_worker";
    /** Receives the worker needs to dead-letter a killer itself: a crash, one with a marker, one alone, the one that finds it. */
    public static final int RECEIVES_NEEDED = 4;

    /** What the worker does with the message. */
    public sealed interface Plan {

        /** Process it as usual, after writing {@code mark} when there is one. */
        record Proceed(Optional<AttemptMarker> mark) implements Plan {}

        /**
         * The worker that held it died: process it with nothing else at work, after writing {@code mark}.
         *
         * @param lastReceive the queue's redrive takes it if this attempt dies too: no receive is left to read the marker
         */
        record Alone(AttemptMarker mark, boolean lastReceive, String detail) implements Plan {}

        /** It killed a worker while alone: dead-letter it unprocessed, with {@link #REASON}. */
        record DeadLetter(String detail) implements Plan {}
    }

    private CrashPolicy() {}

    /** Whether a message received so often needs its marker read (and written): not on its first receive. */
    public static boolean needsMarker(int receiveCount) {
        return receiveCount >= 2;
    }

    /**
     * @param state what is under the message's marker key; ignored on a first receive (nothing is read then)
     * @param maxReceiveCount the queue's redrive policy's, when it has one
     * @param worker who is deciding, written into the marker
     * @param now when, written into the marker
     */
    public static Plan decide(
            int receiveCount, MarkerState state, OptionalInt maxReceiveCount, String worker, String now) {
        if (!needsMarker(receiveCount)) {
            return new Plan.Proceed(Optional.empty());
        }
        AttemptMarker fresh = new AttemptMarker(receiveCount, 0, false, worker, now);
        return switch (state) {
            case MarkerState.Absent a -> new Plan.Proceed(Optional.of(fresh));
            // Unreadable proves nothing; a marker written now may still be read on the next receive.
            case MarkerState.Unavailable u -> new Plan.Proceed(Optional.of(fresh));
            // Not an earlier attempt's: another worker holds the message now (SQS delivers at least
            // once) or the approximate count lags. Its marker is its own; leave it alone.
            case MarkerState.Found f when f.marker().attempt() >= receiveCount -> new Plan.Proceed(Optional.empty());
            case MarkerState.Found f
            when f.marker().crashes() >= 1 ->
                new Plan.DeadLetter(
                        "the worker that held it died on an earlier receive, and again on receive "
                                + f.marker().attempt()
                                + (f.marker().alone() ? " with no other message at work" : "") + " ("
                                + f.marker().worker()
                                + "): it kills the worker that processes it (out of memory, a crash in the decoder; that task's exit code says which)");
            case MarkerState.Found f -> {
                boolean last = maxReceiveCount.isPresent() && receiveCount >= maxReceiveCount.getAsInt();
                yield new Plan.Alone(
                        new AttemptMarker(receiveCount, 1, true, worker, now),
                        last,
                        "the worker that held it on receive " + f.marker().attempt() + " ("
                                + f.marker().worker() + ") died: processed alone"
                                + (last
                                        ? "; this is the last receive before the queue's redrive (maxReceiveCount "
                                                + maxReceiveCount.getAsInt()
                                                + "), which moves it without a reason if this worker dies too"
                                        : ""));
            }
        };
    }
}
