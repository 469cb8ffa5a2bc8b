package dev.ebb.image.decode;

import dev.ebb.image.geometry.Size;
import java.awt.image.BufferedImage;
import java.lang.foreign.MemorySegment;

/** Turns encoded bytes into pixels, as small as the caller allows. */
public interface Decoder {

    /** Short name for logs and metrics, e.g. {@code turbojpeg}. */
    String name();

    boolean reads(SourceFormat format);

    /**
     * Reads the header only (no pixel is decoded yet); the caller closes the result. {@code bytes}
     * (heap or native memory) must stay valid until then.
     */
    Opened open(MemorySegment bytes, SourceFormat format) throws DecodeFailure;

    /** A source whose header has been read. */
    interface Opened extends AutoCloseable {

        /** Width and height as stored (before EXIF orientation). */
        Size size();

        /**
         * Decodes the first image at the smallest size this decoder can produce that is still at
         * least {@code atLeast} on both axes (or the full size). Returns TYPE_INT_RGB, or
         * TYPE_INT_ARGB when the source has transparency, in stored (not EXIF-rotated) orientation.
         */
        BufferedImage decode(Size atLeast) throws DecodeFailure;

        @Override
        void close();
    }
}
