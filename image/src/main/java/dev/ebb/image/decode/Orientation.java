package dev.ebb.image.decode;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * EXIF orientation (tag 0x0112): how the stored pixels must be turned to show the picture upright.
 * Phones store portrait photos sideways with orientation 6; ignoring it yields sideways thumbnails
 * (the original Pillow worker did).
 */
public final class Orientation {

    public static final int NORMAL = 1;

    private Orientation() {}

    /** Orientations 5..8 swap width and height. */
    public static boolean transposes(int orientation) {
        return orientation >= 5 && orientation <= 8;
    }

    /**
     * Reads the orientation from a JPEG's EXIF (APP1) segment; {@link #NORMAL} when absent or
     * unreadable. Every offset is bounds-checked: this runs on untrusted bytes.
     */
    public static int ofJpeg(byte[] b) {
        int pos = 2;
        while (pos + 4 <= b.length) {
            if ((b[pos] & 0xff) != 0xFF) {
                return NORMAL;
            }
            int marker = b[pos + 1] & 0xff;
            if (marker == 0xFF) { // fill byte
                pos++;
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) { // start of scan / end of image: no more headers
                return NORMAL;
            }
            int len = u16(b, pos + 2, false);
            if (len < 2 || pos + 2 + len > b.length) {
                return NORMAL;
            }
            if (marker == 0xE1 && len >= 8 && isExifHeader(b, pos + 4)) {
                return ofTiff(b, pos + 10, pos + 2 + len);
            }
            pos += 2 + len;
        }
        return NORMAL;
    }

    private static boolean isExifHeader(byte[] b, int p) {
        return b[p] == 'E' && b[p + 1] == 'x' && b[p + 2] == 'i' && b[p + 3] == 'f' && b[p + 4] == 0 && b[p + 5] == 0;
    }

    /** Walks IFD0 of the TIFF structure in {@code b[start, end)} for tag 0x0112. */
    static int ofTiff(byte[] b, int start, int end) {
        if (start + 8 > end) {
            return NORMAL;
        }
        boolean little;
        if (b[start] == 'I' && b[start + 1] == 'I') {
            little = true;
        } else if (b[start] == 'M' && b[start + 1] == 'M') {
            little = false;
        } else {
            return NORMAL;
        }
        long ifd = u32(b, start + 4, little);
        if (ifd < 8 || start + ifd + 2 > end) {
            return NORMAL;
        }
        int p = (int) (start + ifd);
        int entries = u16(b, p, little);
        p += 2;
        for (int i = 0; i < entries && p + 12 <= end; i++, p += 12) {
            if (u16(b, p, little) == 0x0112) {
                int type = u16(b, p + 2, little);
                int value = type == 3 ? u16(b, p + 8, little) : -1; // SHORT, stored left-justified
                return value >= 1 && value <= 8 ? value : NORMAL;
            }
        }
        return NORMAL;
    }

    private static int u16(byte[] b, int p, boolean little) {
        int x = b[p] & 0xff;
        int y = b[p + 1] & 0xff;
        return little ? (y << 8 | x) : (x << 8 | y);
    }

    private static long u32(byte[] b, int p, boolean little) {
        long hi = u16(b, little ? p + 2 : p, little);
        long lo = u16(b, little ? p : p + 2, little);
        return hi << 16 | lo;
    }

    /**
     * Turns an image with int pixels (TYPE_INT_RGB or TYPE_INT_ARGB) upright. Runs on the small,
     * already shrunk decode, so a plain pixel loop is cheap.
     */
    public static BufferedImage apply(BufferedImage src, int orientation) {
        if (orientation <= NORMAL || orientation > 8) {
            return src;
        }
        int w = src.getWidth();
        int h = src.getHeight();
        boolean t = transposes(orientation);
        int ow = t ? h : w;
        int oh = t ? w : h;
        BufferedImage out = new BufferedImage(ow, oh, src.getType());
        int[] in = ((DataBufferInt) src.getRaster().getDataBuffer()).getData();
        int[] o = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> {
                        sx = w - 1 - x;
                        sy = y;
                    }
                    case 3 -> {
                        sx = w - 1 - x;
                        sy = h - 1 - y;
                    }
                    case 4 -> {
                        sx = x;
                        sy = h - 1 - y;
                    }
                    case 5 -> {
                        sx = y;
                        sy = x;
                    }
                    case 6 -> {
                        sx = y;
                        sy = h - 1 - x;
                    }
                    case 7 -> {
                        sx = w - 1 - y;
                        sy = h - 1 - x;
                    }
                    default -> {
                        sx = w - 1 - y;
                        sy = x;
                    } // 8
                }
                o[y * ow + x] = in[sy * w + sx];
            }
        }
        return out;
    }
}
