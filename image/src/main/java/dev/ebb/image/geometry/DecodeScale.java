package dev.ebb.image.geometry;

import dev.ebb.image.spec.ResizeMode;
import java.util.List;

/**
 * Chooses how small a source may be decoded and still resize well: shrink-on-load is where the
 * speed comes from (a 12 MP JPEG decodes 2-3x faster at 1/8 scale than at full size, and needs
 * 1/64 of the memory).
 *
 * <p>The decoded image must be at least {@value #FIT_OVERSAMPLING}x the output for {@code fit} and
 * {@code pad}, so the final resize still averages several pixels into one (no aliasing), and at
 * least 1x for {@code fill}, whose crop already discards the margins.
 */
public final class DecodeScale {

    static final int FIT_OVERSAMPLING = 2;

    private DecodeScale() {}

    /** The smallest decoded size, per axis of the raw (not yet oriented) source, that serves every layout. */
    public static Size required(Size rawSource, boolean transposed, List<Layout> layouts, List<ResizeMode> modes) {
        double needX = 0;
        double needY = 0;
        for (int i = 0; i < layouts.size(); i++) {
            Layout l = layouts.get(i);
            int m = modes.get(i) == ResizeMode.FILL ? 1 : FIT_OVERSAMPLING;
            needX = Math.max(needX, m * l.scaleX());
            needY = Math.max(needY, m * l.scaleY());
        }
        if (transposed) {
            double t = needX;
            needX = needY;
            needY = t;
        }
        return new Size(
                (int) Math.min(rawSource.width(), Math.ceil(rawSource.width() * Math.min(1.0, needX) - 1e-9)), (int)
                        Math.min(rawSource.height(), Math.ceil(rawSource.height() * Math.min(1.0, needY) - 1e-9)));
    }

    /**
     * The smallest libjpeg DCT scaling factor {@code n/8} (n = 1..8) whose output is at least
     * {@code required}. libjpeg rounds scaled sizes up: {@code ceil(side * n / 8)}.
     */
    public static int dctEighths(Size raw, Size required) {
        for (int n = 1; n < 8; n++) {
            if (dctScaled(raw, n).width() >= required.width()
                    && dctScaled(raw, n).height() >= required.height()) {
                return n;
            }
        }
        return 8;
    }

    public static Size dctScaled(Size raw, int eighths) {
        return new Size(ceilDiv(raw.width() * (long) eighths, 8), ceilDiv(raw.height() * (long) eighths, 8));
    }

    /**
     * The largest ImageIO source-subsampling step (keep every s-th pixel) whose output is at least
     * {@code required}; ImageIO keeps {@code ceil(side / s)} pixels.
     */
    public static int subsamplingStep(Size raw, Size required) {
        return Math.max(
                1, Math.min(largestStep(raw.width(), required.width()), largestStep(raw.height(), required.height())));
    }

    /** ceil(side / s) >= need holds exactly while s * (need - 1) < side. */
    private static int largestStep(int side, int need) {
        return need <= 1 ? side : (side - 1) / (need - 1);
    }

    private static int ceilDiv(long a, long b) {
        return (int) ((a + b - 1) / b);
    }
}
