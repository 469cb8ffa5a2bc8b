package dev.ebb.image.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/** PNG files crafted chunk by chunk, with valid CRCs, for headers that lie and for bombs. */
public final class Png {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

    /** The eight bytes every PNG starts with (a copy). */
    public static byte[] signature() {
        return SIGNATURE.clone();
    }

    private Png() {}

    public static byte[] chunk(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        b.putInt(data.length).put(t).put(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /** IHDR data: width, height, bit depth, colour type (0 gray, 2 RGB, 3 palette, 6 RGBA), no interlace. */
    public static byte[] ihdr(int width, int height, int bitDepth, int colourType) {
        return ByteBuffer.allocate(13)
                .putInt(width)
                .putInt(height)
                .put((byte) bitDepth)
                .put((byte) colourType)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0)
                .array();
    }

    /** A well-formed PNG whose header claims {@code width x height} but whose pixel data is one empty row. */
    public static byte[] headerOnly(int width, int height) {
        return file(ihdr(width, height, 8, 2), deflate(new byte[1 + 3 * Math.min(width, 16)]));
    }

    /**
     * A real decompression bomb: a valid 1-bit grayscale PNG of {@code width x height} zero
     * pixels. Each row is deflated as it is produced, so making it needs one row of memory; the
     * result is about a thousandth of the {@code height x (1 + width/8)} bytes it inflates to.
     */
    public static byte[] bomb(int width, int height) {
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try (OutputStream z = new DeflaterOutputStream(idat, deflater, 64 * 1024)) {
            byte[] row = new byte[1 + (width + 7) / 8]; // filter byte 0, then packed bits
            for (int y = 0; y < height; y++) {
                z.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deflater.end();
        }
        return file(ihdr(width, height, 1, 0), idat.toByteArray());
    }

    private static byte[] file(byte[] ihdr, byte[] idat) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(SIGNATURE);
        out.writeBytes(chunk("IHDR", ihdr));
        out.writeBytes(chunk("IDAT", idat));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new DeflaterOutputStream(out)) {
            z.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
