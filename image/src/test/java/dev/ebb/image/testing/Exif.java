package dev.ebb.image.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds EXIF APP1 segments by hand, and splices them into JPEGs. */
public final class Exif {

    private Exif() {}

    /**
     * The TIFF structure of an EXIF block whose IFD0 holds a Make tag and then the orientation tag
     * (type SHORT), as cameras write it.
     */
    public static byte[] tiff(int orientation, ByteOrder order) {
        return tiff(order, new int[][] {{0x010F, 2, 4, 0x0041_4242}, {0x0112, 3, 1, orientation}});
    }

    /** A TIFF header and one IFD with the entries {tag, type, count, value}. */
    public static byte[] tiff(ByteOrder order, int[][] entries) {
        ByteBuffer b = ByteBuffer.allocate(8 + 2 + 12 * entries.length + 4).order(order);
        b.put(order == ByteOrder.LITTLE_ENDIAN ? (byte) 'I' : (byte) 'M');
        b.put(order == ByteOrder.LITTLE_ENDIAN ? (byte) 'I' : (byte) 'M');
        b.putShort((short) 42).putInt(8);
        b.putShort((short) entries.length);
        for (int[] e : entries) {
            b.putShort((short) e[0]).putShort((short) e[1]).putInt(e[2]);
            if (e[1] == 3) { // SHORT: left-justified in the 4-byte value field
                b.putShort((short) e[3]).putShort((short) 0);
            } else {
                b.putInt(e[3]);
            }
        }
        b.putInt(0); // no next IFD
        return b.array();
    }

    /** FFE1, length, "Exif\0\0", then {@code tiff}. */
    public static byte[] app1(byte[] tiff) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int len = 2 + 6 + tiff.length;
        out.write(0xFF);
        out.write(0xE1);
        out.write(len >> 8);
        out.write(len & 0xff);
        out.writeBytes("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(tiff);
        return out.toByteArray();
    }

    /** SOI, the given segments, then a minimal "rest of the file" (SOS marker, EOI). */
    public static byte[] jpegHeaderWith(byte[]... segments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        for (byte[] s : segments) {
            out.writeBytes(s);
        }
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xDA, 0, 2, (byte) 0xFF, (byte) 0xD9});
        return out.toByteArray();
    }

    /** Inserts {@code segment} after the SOI and, when present, the JFIF APP0 segment of {@code jpeg}. */
    public static byte[] insertAfterApp0(byte[] jpeg, byte[] segment) {
        int pos = 2;
        if ((jpeg[2] & 0xff) == 0xFF && (jpeg[3] & 0xff) == 0xE0) {
            pos = 4 + ((jpeg[4] & 0xff) << 8 | (jpeg[5] & 0xff));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + segment.length);
        out.write(jpeg, 0, pos);
        out.writeBytes(segment);
        out.write(jpeg, pos, jpeg.length - pos);
        return out.toByteArray();
    }

    /** {@code jpeg} carrying EXIF orientation {@code orientation} in the given byte order. */
    public static byte[] withOrientation(byte[] jpeg, int orientation, ByteOrder order) {
        return insertAfterApp0(jpeg, app1(tiff(orientation, order)));
    }
}
