package dev.ebb.cli.io;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Reads a file straight into off-heap memory that the image engine decodes in place.
 *
 * <p>{@code Files.readAllBytes} goes through a temporary direct buffer and then a heap array, and
 * the decoder would copy that array to native memory again: for a 1.3 MB photo that was 0.5 ms of a
 * 16 ms thumbnail. Each thread keeps one growing buffer, so steady state allocates nothing.
 */
public final class NativeFiles {

    /** Files above this get a buffer of their own, freed by the GC, instead of growing the shared one. */
    private static final long KEPT_BUFFER_BYTES = 64L * 1024 * 1024;

    private static final ThreadLocal<MemorySegment[]> BUFFER =
            ThreadLocal.withInitial(() -> new MemorySegment[] {MemorySegment.NULL});

    private NativeFiles() {}

    /**
     * The file's bytes, valid until this thread's next call. Reads at most {@code limit + 1} bytes,
     * so a caller can tell "over the limit" without loading a huge file.
     */
    public static MemorySegment read(Path file, long limit) throws IOException {
        try (FileChannel ch = FileChannel.open(file)) {
            long want = Math.min(ch.size(), limit + 1);
            MemorySegment buf = buffer(want);
            ByteBuffer bb = buf.asSlice(0, want).asByteBuffer();
            while (bb.hasRemaining() && ch.read(bb) >= 0) {
                // keep reading: a channel may return short reads
            }
            return buf.asSlice(0, bb.position());
        }
    }

    private static MemorySegment buffer(long bytes) {
        if (bytes > KEPT_BUFFER_BYTES) {
            return Arena.ofAuto().allocate(Math.max(bytes, 1), 64);
        }
        MemorySegment[] holder = BUFFER.get();
        if (holder[0].byteSize() < bytes) {
            holder[0] = Arena.ofAuto().allocate(Math.max(bytes, 4L << 20), 64);
        }
        return holder[0];
    }
}
