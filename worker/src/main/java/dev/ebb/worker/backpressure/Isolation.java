package dev.ebb.worker.backpressure;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Lets a message suspected of killing workers run alone: ordinary messages share the worker, a
 * suspect starts only when no other message holds the gate, and while one waits or runs no other
 * starts (a readers-writer gate that prefers writers; each kind in arrival order). The worker holds
 * it for a message from the start of its work until it is acknowledged, so the suspect is the only
 * message in flight and has the whole {@link ByteBudget}. While {@link #isolating()} the worker
 * receives nothing. Used on the worker's event-loop context only, so no locks; pure.
 */
public final class Isolation {

    private final Deque<Runnable> suspects = new ArrayDeque<>();
    private final Deque<Runnable> ordinary = new ArrayDeque<>();
    private int sharing;
    private boolean alone;

    /** Runs {@code granted} once the message may work: ordinary ones at once unless a suspect waits or runs. */
    public void acquire(boolean suspect, Runnable granted) {
        (suspect ? suspects : ordinary).add(granted);
        grant();
    }

    /** Gives back what one {@link #acquire} of this kind was granted. */
    public void release(boolean suspect) {
        if (suspect ? !alone : sharing == 0) {
            throw new IllegalStateException(
                    "releasing a " + (suspect ? "suspect" : "shared") + " hold that is not held");
        }
        if (suspect) {
            alone = false;
        } else {
            sharing--;
        }
        grant();
    }

    private void grant() {
        if (alone) {
            return;
        }
        if (!suspects.isEmpty()) {
            if (sharing == 0) {
                alone = true;
                suspects.poll().run();
            }
            return;
        }
        while (!ordinary.isEmpty() && !alone && suspects.isEmpty()) {
            sharing++;
            ordinary.poll().run();
        }
    }

    /** A suspect waits or runs: receiving more messages would only make them wait. */
    public boolean isolating() {
        return alone || !suspects.isEmpty();
    }

    /** Messages at work: the ordinary ones, or the suspect. */
    public int atWork() {
        return alone ? 1 : sharing;
    }
}
