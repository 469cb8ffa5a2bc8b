package dev.ebb.image;

import java.util.List;

/** What the engine made of one source: every output, or one rejection. Never an exception. */
public sealed interface Outcome {

    /** Every requested output, in the order of the specs. */
    record Rendered(SourceInfo source, List<RenderedOutput> outputs) implements Outcome {}

    record Rejected(Rejection rejection) implements Outcome {
        public static Rejected of(FailureReason reason, String message) {
            return new Rejected(new Rejection(reason, message));
        }
    }

    /**
     * What was learnt about the source while rendering it.
     *
     * @param format the detected format, e.g. {@code jpeg}
     * @param width upright width (after EXIF orientation)
     * @param height upright height
     * @param orientation EXIF orientation 1..8 (1 = as stored)
     * @param decoder which decoder ran ({@code turbojpeg} or {@code imageio})
     * @param decodedWidth width of the shrink-on-load decode, before resizing (upright, like {@code width})
     * @param decodedHeight height of that decode (upright)
     */
    record SourceInfo(
            String format,
            int width,
            int height,
            int orientation,
            String decoder,
            int decodedWidth,
            int decodedHeight) {}
}
