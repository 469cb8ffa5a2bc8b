package dev.ebb.image.turbojpeg;

import static dev.ebb.image.turbojpeg.TurboJpegLibrary.TJCS_CMYK;
import static dev.ebb.image.turbojpeg.TurboJpegLibrary.TJCS_YCCK;
import static dev.ebb.image.turbojpeg.TurboJpegLibrary.TJFLAG_LIMITSCANS;
import static dev.ebb.image.turbojpeg.TurboJpegLibrary.TJFLAG_NOREALLOC;
import static dev.ebb.image.turbojpeg.TurboJpegLibrary.TJFLAG_STOPONWARNING;
import static dev.ebb.image.turbojpeg.TurboJpegLibrary.TJPF_BGRX;
import static dev.ebb.image.turbojpeg.TurboJpegLibrary.TJPF_CMYK;
import static dev.ebb.image.turbojpeg.TurboJpegLibrary.TJSAMP_420;

import dev.ebb.image.geometry.Size;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * JPEG header read, DCT-scaled decode and encode through libturbojpeg. Pixels land in
 * {@link BufferedImage#TYPE_INT_RGB} images: TurboJPEG's BGRX layout is exactly that type's
 * little-endian int, so no per-pixel conversion happens in Java.
 *
 * <p>TurboJPEG handles are not thread-safe, and fresh native buffers for every image cost page
 * faults, so each call borrows a {@link Session} (handles plus reusable buffers) from a pool that
 * grows to the number of threads that use it at once.
 */
public final class TurboJpeg {

    /**
     * Warnings are errors: a truncated JPEG must be reported corrupt, not become a half-grey
     * thumbnail. LIMITSCANS caps progressive scans at 500 (a crafted file can otherwise make the
     * decoder loop for minutes).
     */
    private static final int DECODE_FLAGS = TJFLAG_STOPONWARNING | TJFLAG_LIMITSCANS;

    /** Buffers above this are freed after use rather than kept for the next image. */
    private static final long RETAINED_BUFFER_BYTES = 32L * 1024 * 1024;

    private final TurboJpegLibrary lib;
    private final ConcurrentLinkedQueue<Session> idle = new ConcurrentLinkedQueue<>();

    public TurboJpeg(TurboJpegLibrary lib) {
        this.lib = lib;
    }

    /** What the JPEG header says. */
    public record Header(Size size, boolean cmyk) {}

    /** A JPEG copied to native memory with its header read; decode it once, then close. */
    public final class Decompression implements AutoCloseable {
        private final Session session;
        private final long length;
        private final Header header;

        private Decompression(Session session, long length, Header header) {
            this.session = session;
            this.length = length;
            this.header = header;
        }

        public Header header() {
            return header;
        }

        /** Decodes at exactly {@code scaled}, which must be one of libjpeg's n/8 scalings of the header size. */
        public BufferedImage decode(Size scaled) throws TurboJpegException {
            int w = scaled.width();
            int h = scaled.height();
            MemorySegment dst = session.pixels((long) w * h * 4);
            int format = header.cmyk() ? TJPF_CMYK : TJPF_BGRX;
            int rc;
            try {
                rc = (int) lib.decompress2.invokeExact(
                        session.decompressor(), session.source, length, dst, w, 0, h, format, DECODE_FLAGS);
            } catch (Throwable t) {
                throw new IllegalStateException("tjDecompress2 call failed", t);
            }
            checkDecompression(rc, session);
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            int[] pixels = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
            if (header.cmyk()) {
                cmykToRgb(dst, pixels);
            } else {
                MemorySegment.copy(dst, ValueLayout.JAVA_INT, 0, pixels, 0, pixels.length);
            }
            return img;
        }

        @Override
        public void close() {
            release(session);
        }
    }

    /**
     * Reads the JPEG's header; the caller must close the result. A native segment is decoded in
     * place (it must stay valid until then); heap bytes are first copied to native memory.
     */
    public Decompression open(MemorySegment jpeg) throws TurboJpegException {
        Session s = borrow();
        try {
            s.source = jpeg.isNative() ? jpeg : s.input(jpeg);
            long length = jpeg.byteSize();
            MemorySegment ints = s.ints;
            int rc;
            try {
                rc = (int) lib.decompressHeader3.invokeExact(
                        s.decompressor(), s.source, length, ints, ints.asSlice(4), ints.asSlice(8), ints.asSlice(12));
            } catch (Throwable t) {
                throw new IllegalStateException("tjDecompressHeader3 call failed", t);
            }
            checkDecompression(rc, s);
            int w = ints.getAtIndex(ValueLayout.JAVA_INT, 0);
            int h = ints.getAtIndex(ValueLayout.JAVA_INT, 1);
            int colorspace = ints.getAtIndex(ValueLayout.JAVA_INT, 3);
            if (w < 1 || h < 1) {
                throw new TurboJpegException("JPEG header declares " + w + "x" + h, false);
            }
            return new Decompression(
                    s, length, new Header(new Size(w, h), colorspace == TJCS_CMYK || colorspace == TJCS_YCCK));
        } catch (TurboJpegException | RuntimeException e) {
            release(s);
            throw e;
        }
    }

    /** Encodes an RGB image as a baseline JPEG with 4:2:0 chroma, as Pillow and most cameras do. */
    public byte[] encode(BufferedImage rgb, int quality) throws TurboJpegException {
        if (rgb.getType() != BufferedImage.TYPE_INT_RGB) {
            throw new IllegalArgumentException("expects TYPE_INT_RGB, got type " + rgb.getType());
        }
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        int[] pixels = ((DataBufferInt) rgb.getRaster().getDataBuffer()).getData();
        Session s = borrow();
        try {
            MemorySegment src = s.pixels((long) pixels.length * 4);
            MemorySegment.copy(pixels, 0, src, ValueLayout.JAVA_INT, 0, pixels.length);
            long capacity = (long) lib.bufSize.invokeExact(w, h, TJSAMP_420);
            MemorySegment out = s.output(capacity);
            s.outPtr.set(ValueLayout.ADDRESS, 0, out);
            s.outSize.set(ValueLayout.JAVA_LONG, 0, capacity);
            int rc = (int) lib.compress2.invokeExact(
                    s.compressor(),
                    src,
                    w,
                    0,
                    h,
                    TJPF_BGRX,
                    s.outPtr,
                    s.outSize,
                    TJSAMP_420,
                    quality,
                    TJFLAG_NOREALLOC);
            check(rc, s.compressor());
            return out.asSlice(0, s.outSize.get(ValueLayout.JAVA_LONG, 0)).toArray(ValueLayout.JAVA_BYTE);
        } catch (TurboJpegException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("TurboJPEG encode call failed", t);
        } finally {
            release(s);
        }
    }

    private Session borrow() {
        Session s = idle.poll();
        return s != null ? s : new Session();
    }

    private void release(Session s) {
        s.trim();
        idle.offer(s);
    }

    /**
     * A decompressor that failed must not be used again: tjDecompressHeader3 (2.x) returns on an
     * error without resetting libjpeg's state, so the next file would be "read" from where the bad
     * one stopped and fail with its error. One corrupt upload would poison the session for good.
     */
    private void checkDecompression(int rc, Session s) throws TurboJpegException {
        try {
            check(rc, s.decompressor());
        } catch (TurboJpegException e) {
            s.discardDecompressor();
            throw e;
        }
    }

    private void check(int rc, MemorySegment handle) throws TurboJpegException {
        if (rc == 0) {
            return;
        }
        try {
            MemorySegment msg = (MemorySegment) lib.getErrorStr2.invokeExact(handle);
            int code = (int) lib.getErrorCode.invokeExact(handle);
            String text = msg.equals(MemorySegment.NULL)
                    ? "unknown error"
                    : msg.reinterpret(1024).getString(0);
            throw new TurboJpegException(text, code == 0);
        } catch (TurboJpegException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("TurboJPEG error lookup failed", t);
        }
    }

    /**
     * Native memory that grows to the largest image seen and is freed explicitly, not by the GC:
     * with automatic arenas a 46 MB JPEG's copy stayed allocated until a full collection, and a
     * few big images in a row added hundreds of MB to the process beside the heap. A shared arena
     * (a session moves between threads, one at a time) is closed as soon as its buffer is dropped.
     */
    private static final class Buffer {
        private Arena arena;
        private MemorySegment segment = MemorySegment.NULL;

        // MustBeClosedChecker: the arena outlives this call on purpose; free() closes it (try-with-resources cannot)
        @SuppressWarnings("MustBeClosedChecker")
        MemorySegment atLeast(long bytes) {
            if (segment.byteSize() < bytes) {
                free();
                arena = Arena.ofShared();
                segment = arena.allocate(bytes, 64);
            }
            return segment;
        }

        void freeIfAbove(long bytes) {
            if (segment.byteSize() > bytes) {
                free();
            }
        }

        private void free() {
            if (arena != null) {
                segment = MemorySegment.NULL;
                arena.close();
                arena = null;
            }
        }
    }

    /**
     * Handles and buffers for one image at a time. Pooled sessions move between threads, so the
     * memory comes from automatic (GC-managed) arenas, never confined ones; handles live as long
     * as the process (one per concurrently decoding thread).
     */
    private final class Session {
        private MemorySegment decompressor = MemorySegment.NULL;
        private MemorySegment compressor = MemorySegment.NULL;
        private final MemorySegment ints = Arena.ofAuto().allocate(ValueLayout.JAVA_INT, 4);
        private final MemorySegment outPtr = Arena.ofAuto().allocate(ValueLayout.ADDRESS);
        private final MemorySegment outSize = Arena.ofAuto().allocate(ValueLayout.JAVA_LONG);
        private final Buffer input = new Buffer();
        /** The JPEG being decoded: the caller's native segment, or {@link #input} holding a copy. */
        private MemorySegment source = MemorySegment.NULL;

        private final Buffer pixels = new Buffer();
        private final Buffer output = new Buffer();

        MemorySegment decompressor() {
            if (decompressor.equals(MemorySegment.NULL)) {
                decompressor = newHandle(lib.initDecompress);
            }
            return decompressor;
        }

        void discardDecompressor() {
            if (!decompressor.equals(MemorySegment.NULL)) {
                try {
                    int ignored = (int) lib.destroy.invokeExact(decompressor);
                } catch (Throwable t) {
                    throw new IllegalStateException("tjDestroy call failed", t);
                } finally {
                    decompressor = MemorySegment.NULL;
                }
            }
        }

        MemorySegment compressor() {
            if (compressor.equals(MemorySegment.NULL)) {
                compressor = newHandle(lib.initCompress);
            }
            return compressor;
        }

        MemorySegment input(MemorySegment jpeg) {
            MemorySegment in = input.atLeast(Math.max(jpeg.byteSize(), 1 << 20));
            MemorySegment.copy(jpeg, 0, in, 0, jpeg.byteSize());
            return in.asSlice(0, jpeg.byteSize());
        }

        MemorySegment pixels(long bytes) {
            return pixels.atLeast(bytes);
        }

        MemorySegment output(long bytes) {
            return output.atLeast(bytes);
        }

        /** Frees at once a buffer that one huge image grew; typical thumbnails reuse theirs. */
        void trim() {
            source = MemorySegment.NULL;
            input.freeIfAbove(RETAINED_BUFFER_BYTES);
            pixels.freeIfAbove(RETAINED_BUFFER_BYTES);
            output.freeIfAbove(RETAINED_BUFFER_BYTES);
        }

        private static MemorySegment newHandle(java.lang.invoke.MethodHandle init) {
            try {
                MemorySegment h = (MemorySegment) init.invokeExact();
                if (h.equals(MemorySegment.NULL)) {
                    throw new IllegalStateException("TurboJPEG could not allocate a handle");
                }
                return h;
            } catch (RuntimeException e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException("TurboJPEG handle allocation failed", t);
            }
        }
    }

    /**
     * libjpeg hands back CMYK as stored; Adobe (Photoshop, ImageMagick) store it inverted, which is
     * what virtually every CMYK JPEG in the wild is. Naive conversion without an ICC profile, as
     * browsers do: R = C'·K'/255 with C' and K' the stored (inverted) values.
     */
    private static void cmykToRgb(MemorySegment cmyk, int[] rgb) {
        for (int i = 0; i < rgb.length; i++) {
            int v = cmyk.get(ValueLayout.JAVA_INT_UNALIGNED, (long) i * 4);
            int c = v & 0xff;
            int m = (v >>> 8) & 0xff;
            int y = (v >>> 16) & 0xff;
            int k = (v >>> 24) & 0xff;
            rgb[i] = (c * k / 255) << 16 | (m * k / 255) << 8 | (y * k / 255);
        }
    }
}
