package dev.ebb.image.decode;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Formats Ebb reads, recognised by their magic bytes, never by the file name: a text file named
 * {@code .jpg} is not a JPEG, and a JPEG named {@code .png} is still a JPEG.
 */
public enum SourceFormat {
    JPEG("jpeg"),
    PNG("png"),
    GIF("gif"),
    BMP("bmp"),
    WEBP("webp");

    private final String id;

    SourceFormat(String id) {
        this.id = id;
    }

    /** The ImageIO format name, and the name used in logs and reports. */
    public String id() {
        return id;
    }

    public static Optional<SourceFormat> sniff(byte[] b) {
        if (starts(b, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (starts(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (ascii(b, 0, "GIF87a") || ascii(b, 0, "GIF89a")) {
            return Optional.of(GIF);
        }
        if (ascii(b, 0, "BM") && b.length >= 26 && isBmpInfoHeaderSize(b)) {
            return Optional.of(BMP);
        }
        if (ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP")) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    /** Names a well-known format Ebb does not read, so the rejection can say what the file is. */
    public static String describeUnsupported(byte[] b) {
        if (starts(b, 0, 'I', 'I', 0x2A, 0x00) || starts(b, 0, 'M', 'M', 0x00, 0x2A)) {
            return "TIFF";
        }
        if (ascii(b, 4, "ftypheic") || ascii(b, 4, "ftypheix") || ascii(b, 4, "ftypmif1")) {
            return "HEIC";
        }
        if (ascii(b, 4, "ftypavif")) {
            return "AVIF";
        }
        if (ascii(b, 0, "%PDF")) {
            return "PDF";
        }
        if (ascii(b, 0, "<svg") || ascii(b, 0, "<?xml")) {
            return "SVG/XML";
        }
        return null;
    }

    /**
     * "BM" alone is two letters any text may start with; a real BMP follows it with one of the few
     * DIB header sizes (OS/2 12 and 16/64, Windows 40, 52, 56, 108, 124) at offset 14.
     */
    private static boolean isBmpInfoHeaderSize(byte[] b) {
        int size = (b[14] & 0xff) | (b[15] & 0xff) << 8 | (b[16] & 0xff) << 16 | (b[17] & 0xff) << 24;
        return size == 12
                || size == 16
                || size == 40
                || size == 52
                || size == 56
                || size == 64
                || size == 108
                || size == 124;
    }

    private static boolean starts(byte[] b, int offset, int... magic) {
        if (b.length < offset + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[offset + i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] b, int offset, String text) {
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        if (b.length < offset + t.length) {
            return false;
        }
        for (int i = 0; i < t.length; i++) {
            if (b[offset + i] != t[i]) {
                return false;
            }
        }
        return true;
    }
}
