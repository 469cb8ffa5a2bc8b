package dev.ebb.image;

/**
 * What the engine accepts, checked from the file size and the image header before any pixel is
 * decoded, so a decompression bomb costs a header read, not gigabytes.
 *
 * @param maxBytes largest accepted file
 * @param maxPixels largest accepted width x height
 * @param maxSide largest accepted width or height
 */
public record Limits(long maxBytes, long maxPixels, int maxSide) {

    /** 100 MB, 100 MP (a 48 MP phone photo passes twice), 30000 px per side (panoramas). */
    public static final Limits DEFAULT = new Limits(100L * 1024 * 1024, 100_000_000L, 30_000);

    public Limits {
        if (maxBytes < 1 || maxPixels < 1 || maxSide < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
