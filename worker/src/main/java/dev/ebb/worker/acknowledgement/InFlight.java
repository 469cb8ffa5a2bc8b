package dev.ebb.worker.acknowledgement;

import dev.ebb.worker.port.ReceivedMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The messages this worker holds, with when each becomes visible again. Decides which are due for
 * a heartbeat (half their visibility timeout gone) and marks the ones released at shutdown so a
 * late result cannot delete them. Used on the worker's context only; time is passed in.
 */
public final class InFlight {

    private static final class Entry {
        final ReceivedMessage message;
        long visibleUntil;
        boolean released;

        Entry(ReceivedMessage message, long visibleUntil) {
            this.message = message;
            this.visibleUntil = visibleUntil;
        }
    }

    private final long visibilityMillis;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    public InFlight(long visibilityMillis) {
        this.visibilityMillis = visibilityMillis;
    }

    public void add(ReceivedMessage m, long nowMillis) {
        entries.put(m.receiptHandle(), new Entry(m, nowMillis + visibilityMillis));
    }

    public void remove(ReceivedMessage m) {
        entries.remove(m.receiptHandle());
    }

    public boolean isReleased(ReceivedMessage m) {
        Entry e = entries.get(m.receiptHandle());
        return e == null || e.released;
    }

    public int size() {
        return entries.size();
    }

    /** Messages with half or less of their visibility left. */
    public List<ReceivedMessage> dueForHeartbeat(long nowMillis) {
        List<ReceivedMessage> due = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (!e.released && e.visibleUntil - nowMillis <= visibilityMillis / 2) {
                due.add(e.message);
            }
        }
        return due;
    }

    /** The visibility of these was extended at {@code nowMillis}, by the full timeout. */
    public void extended(List<ReceivedMessage> messages, long nowMillis) {
        for (ReceivedMessage m : messages) {
            Entry e = entries.get(m.receiptHandle());
            if (e != null) {
                e.visibleUntil = nowMillis + visibilityMillis;
            }
        }
    }

    /** Marks every held message released and returns them (to be made visible again). */
    public List<ReceivedMessage> releaseAll() {
        List<ReceivedMessage> released = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (!e.released) {
                e.released = true;
                released.add(e.message);
            }
        }
        return released;
    }
}
