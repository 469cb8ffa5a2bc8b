package dev.ebb.image.spec;

import java.util.Locale;

/** How a source is made to fit an output box. */
public enum ResizeMode {
    /** Keep the aspect ratio inside the box; never enlarges (like Pillow's {@code thumbnail}). */
    FIT,
    /** Scale to cover the box, then centre-crop to exactly the box. */
    FILL,
    /** Scale to fit inside the box, then letterbox to exactly the box with a background colour. */
    PAD;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ResizeMode parse(String text) {
        for (ResizeMode m : values()) {
            if (m.id().equalsIgnoreCase(text.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown resize mode '" + text + "' (allowed: fit, fill, pad)");
    }
}
