package dev.ebb.worker.port;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A source object's bytes in native memory, freed when the record is done with them, not when a
 * garbage collection gets round to it: the byte budget counts these bytes, so they must really be
 * gone when the budget is given back. Closing twice is harmless.
 */
public final class SourceBody implements AutoCloseable {

    private final Arena arena;
    private final MemorySegment segment;
    private boolean closed;

    private SourceBody(Arena arena, MemorySegment segment) {
        this.arena = arena;
        this.segment = segment;
    }

    /**
     * A shared arena: the event loop fills the segment and a render thread decodes it. (Closing a
     * shared arena costs a handshake with the JVM's threads, microseconds, once per image.)
     */
    @SuppressWarnings("MustBeClosedChecker") // the arena is closed by close(), which the body's holder calls
    public static SourceBody allocate(long length) {
        Arena arena = Arena.ofShared();
        return new SourceBody(arena, arena.allocate(Math.max(1, length)).asSlice(0, length));
    }

    public MemorySegment segment() {
        return segment;
    }

    public long length() {
        return segment.byteSize();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            arena.close();
        }
    }
}
