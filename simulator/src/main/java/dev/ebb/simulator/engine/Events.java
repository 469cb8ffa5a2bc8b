package dev.ebb.simulator.engine;

import java.util.PriorityQueue;

/** The event queue keyed by time. */
final class Events {

    private final PriorityQueue<Event> heap = new PriorityQueue<>(4096);
    private long seq;

    Event at(long time, Event.Kind kind) {
        Event e = new Event(time, seq++, kind);
        heap.add(e);
        return e;
    }

    Event next() {
        return heap.poll();
    }

    boolean isEmpty() {
        return heap.isEmpty();
    }
}
