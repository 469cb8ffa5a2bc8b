package dev.ebb.image.resize;

/**
 * Precomputed fixed-point weights for resampling one axis: for output pixel {@code i}, the input
 * pixels {@code start[i] .. start[i] + count[i] - 1} with weights {@code weights[i * taps + k]}
 * summing to {@code 1 << PRECISION}.
 *
 * <p>The filter is a triangle (tent) stretched by the reduction factor, i.e. antialiased bilinear:
 * every input pixel contributes, so shrinking never aliases.
 */
final class Kernel {

    static final int PRECISION = 14;

    final int[] start;
    final int[] count;
    final int[] weights;
    final int taps;

    private Kernel(int[] start, int[] count, int[] weights, int taps) {
        this.start = start;
        this.count = count;
        this.weights = weights;
        this.taps = taps;
    }

    /** Weights mapping {@code srcLen} input pixels at offset {@code srcOffset} onto {@code dstLen}. */
    static Kernel triangle(int srcOffset, int srcLen, int dstLen) {
        double scale = (double) srcLen / dstLen;
        double support = Math.max(1.0, scale); // stretch the filter only when shrinking
        int taps = (int) Math.ceil(support) * 2 + 1;
        int[] start = new int[dstLen];
        int[] count = new int[dstLen];
        int[] weights = new int[dstLen * taps];
        double[] w = new double[taps];
        for (int i = 0; i < dstLen; i++) {
            double center = (i + 0.5) * scale;
            int lo = Math.max(0, (int) Math.floor(center - support));
            int hi = Math.min(srcLen, (int) Math.ceil(center + support));
            double sum = 0;
            int n = 0;
            for (int j = lo; j < hi && n < taps; j++, n++) {
                double x = Math.abs((j + 0.5 - center) / support);
                w[n] = Math.max(0, 1 - x);
                sum += w[n];
            }
            if (sum == 0) { // degenerate: take the nearest pixel
                n = 1;
                lo = Math.min(srcLen - 1, (int) center);
                w[0] = sum = 1;
            }
            int total = 0;
            int best = 0;
            for (int k = 0; k < n; k++) {
                int fixed = (int) Math.round(w[k] / sum * (1 << PRECISION));
                weights[i * taps + k] = fixed;
                total += fixed;
                if (w[k] > w[best]) {
                    best = k;
                }
            }
            weights[i * taps + best] += (1 << PRECISION) - total; // rounding remainder to the centre tap
            start[i] = srcOffset + lo;
            count[i] = n;
        }
        return new Kernel(start, count, weights, taps);
    }
}
