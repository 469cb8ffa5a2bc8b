package dev.ebb.image.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * One output the engine renders per source: a box, how to fit into it, and the encoding.
 *
 * @param quality JPEG quality 1..100 (ignored for PNG)
 * @param background letterbox colour for {@link ResizeMode#PAD}, and what transparent pixels
 *     become in a JPEG
 */
public record OutputSpec(int width, int height, ResizeMode mode, OutputFormat format, int quality, Rgb background) {

    public static final int MAX_SIDE = 8192;

    public OutputSpec {
        if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException(
                    "output size " + width + "x" + height + " is out of range (each side 1.." + MAX_SIDE + ")");
        }
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("quality " + quality + " is out of range (1..100)");
        }
        java.util.Objects.requireNonNull(mode, "mode");
        java.util.Objects.requireNonNull(format, "format");
        java.util.Objects.requireNonNull(background, "background");
    }

    public static OutputSpec fit(int width, int height) {
        return new OutputSpec(width, height, ResizeMode.FIT, OutputFormat.JPEG, 85, Rgb.BLACK);
    }

    public OutputSpec withMode(ResizeMode m) {
        return new OutputSpec(width, height, m, format, quality, background);
    }

    public OutputSpec withFormat(OutputFormat f) {
        return new OutputSpec(width, height, mode, f, quality, background);
    }

    /** The folder name of this output in the key layout, e.g. {@code 224x224}. */
    public String boxName() {
        return width + "x" + height;
    }

    /**
     * Parses a comma-separated size list such as {@code 224x224,299x299} into specs that share the
     * other settings. Duplicates are rejected: they would write the same keys twice.
     */
    public static List<OutputSpec> parseSizes(
            String sizes, ResizeMode mode, OutputFormat format, int quality, Rgb background) {
        List<OutputSpec> specs = new ArrayList<>();
        for (String part : sizes.split(",")) {
            String p = part.trim().toLowerCase(java.util.Locale.ROOT);
            if (p.isEmpty()) {
                continue;
            }
            int x = p.indexOf('x');
            if (x <= 0 || x == p.length() - 1) {
                throw new IllegalArgumentException("size '" + part.trim() + "' is not WIDTHxHEIGHT (e.g. 224x224)");
            }
            int w;
            int h;
            try {
                w = Integer.parseInt(p.substring(0, x));
                h = Integer.parseInt(p.substring(x + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("size '" + part.trim() + "' is not WIDTHxHEIGHT (e.g. 224x224)");
            }
            OutputSpec spec = new OutputSpec(w, h, mode, format, quality, background);
            if (specs.stream().anyMatch(s -> s.boxName().equals(spec.boxName()))) {
                throw new IllegalArgumentException("size " + spec.boxName() + " is listed twice");
            }
            specs.add(spec);
        }
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("no output size given (e.g. 224x224,299x299)");
        }
        return List.copyOf(specs);
    }
}
