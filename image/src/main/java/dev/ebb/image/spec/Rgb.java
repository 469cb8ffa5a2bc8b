package dev.ebb.image.spec;

/** An opaque sRGB colour, used for letterbox padding and for flattening alpha onto JPEG. */
public record Rgb(int red, int green, int blue) {

    public static final Rgb BLACK = new Rgb(0, 0, 0);
    public static final Rgb WHITE = new Rgb(255, 255, 255);

    public Rgb {
        for (int c : new int[] {red, green, blue}) {
            if (c < 0 || c > 255) {
                throw new IllegalArgumentException("colour channels must be 0..255, got " + c);
            }
        }
    }

    public int packed() {
        return (red << 16) | (green << 8) | blue;
    }

    /** Parses {@code #rrggbb}, {@code rrggbb}, {@code black} or {@code white}. */
    public static Rgb parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        switch (t) {
            case "black" -> {
                return BLACK;
            }
            case "white" -> {
                return WHITE;
            }
            default -> {}
        }
        String hex = t.startsWith("#") ? t.substring(1) : t;
        if (!hex.matches("[0-9a-f]{6}")) {
            throw new IllegalArgumentException("colour '" + text + "' is not #rrggbb, black or white");
        }
        int v = Integer.parseInt(hex, 16);
        return new Rgb((v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff);
    }

    @Override
    public String toString() {
        return String.format("#%02x%02x%02x", red, green, blue);
    }
}
