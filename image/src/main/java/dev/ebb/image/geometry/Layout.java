package dev.ebb.image.geometry;

import dev.ebb.image.spec.OutputSpec;

/**
 * Where a source lands in one output: the part of the source that is kept ({@code crop}), the
 * size it is resized to, and where that sits on the output canvas (only {@code pad} leaves a
 * border). All in pixels of the upright source, i.e. after EXIF orientation.
 */
public record Layout(Region crop, Size resized, Size canvas, int offsetX, int offsetY) {

    /** Computes the layout of {@code source} (upright) for {@code spec}. Pure arithmetic. */
    public static Layout of(Size source, OutputSpec spec) {
        int w = source.width();
        int h = source.height();
        int bw = spec.width();
        int bh = spec.height();
        return switch (spec.mode()) {
            case FIT -> {
                double s = Math.min(1.0, Math.min((double) bw / w, (double) bh / h));
                Size resized = scaled(source, s, bw, bh);
                yield new Layout(Region.whole(source), resized, resized, 0, 0);
            }
            case PAD -> {
                double s = Math.min((double) bw / w, (double) bh / h);
                Size resized = scaled(source, s, bw, bh);
                Size canvas = new Size(bw, bh);
                yield new Layout(
                        Region.whole(source), resized, canvas, (bw - resized.width()) / 2, (bh - resized.height()) / 2);
            }
            case FILL -> {
                double s = Math.max((double) bw / w, (double) bh / h);
                int cw = clamp((int) Math.round(bw / s), w);
                int ch = clamp((int) Math.round(bh / s), h);
                Region crop = new Region((w - cw) / 2, (h - ch) / 2, cw, ch);
                Size box = new Size(bw, bh);
                yield new Layout(crop, box, box, 0, 0);
            }
        };
    }

    /** How much smaller than the kept source region the output is (1.0 = same size, 0.1 = tenfold). */
    public double scaleX() {
        return (double) resized.width() / crop.width();
    }

    public double scaleY() {
        return (double) resized.height() / crop.height();
    }

    private static Size scaled(Size source, double s, int maxW, int maxH) {
        return new Size(
                clamp((int) Math.round(source.width() * s), maxW), clamp((int) Math.round(source.height() * s), maxH));
    }

    private static int clamp(int v, int max) {
        return Math.max(1, Math.min(max, v));
    }
}
