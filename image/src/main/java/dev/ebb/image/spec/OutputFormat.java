package dev.ebb.image.spec;

/** Encodings Ebb writes. JPEG is the default: small files, what training pipelines read. */
public enum OutputFormat {
    JPEG("jpg", "image/jpeg"),
    PNG("png", "image/png");

    private final String extension;
    private final String contentType;

    OutputFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    public static OutputFormat parse(String text) {
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "jpeg", "jpg" -> JPEG;
            case "png" -> PNG;
            default -> throw new IllegalArgumentException("unknown output format '" + text + "' (allowed: jpeg, png)");
        };
    }
}
