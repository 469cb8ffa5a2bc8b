package dev.ebb.image.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.image.testing.Exif;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class OrientationTest {

    private static final ByteOrder II = ByteOrder.LITTLE_ENDIAN;
    private static final ByteOrder MM = ByteOrder.BIG_ENDIAN;

    static Stream<Arguments> orientationsAndByteOrders() {
        return Stream.of(II, MM)
                .flatMap(o -> Stream.iterate(1, i -> i <= 8, i -> i + 1).map(i -> Arguments.of(i, o)));
    }

    @ParameterizedTest(name = "orientation {0}, {1}")
    @MethodSource("orientationsAndByteOrders")
    void readsTheTagInBothByteOrders(int orientation, ByteOrder order) {
        byte[] jpeg = Exif.jpegHeaderWith(Exif.app1(Exif.tiff(orientation, order)));
        assertThat(Orientation.ofJpeg(jpeg)).isEqualTo(orientation);
    }

    @Test
    void findsExifBehindJfifXmpAndFillBytes() {
        byte[] app0 = {(byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0};
        byte[] xmp = app1Raw("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>");
        byte[] fill = {(byte) 0xFF};
        byte[] jpeg = Exif.jpegHeaderWith(app0, xmp, fill, Exif.app1(Exif.tiff(6, MM)));
        assertThat(Orientation.ofJpeg(jpeg)).isEqualTo(6);
    }

    @Test
    void orientationTagAfterOtherTags() {
        int[][] entries = {{0x010F, 2, 4, 0}, {0x0110, 2, 4, 0}, {0x011A, 5, 1, 0}, {0x0112, 3, 1, 8}};
        assertThat(Orientation.ofJpeg(Exif.jpegHeaderWith(Exif.app1(Exif.tiff(II, entries)))))
                .isEqualTo(8);
    }

    /** Anything odd means "as stored": never an exception, never a made-up orientation. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        no EXIF at all                     | none
        orientation 0                      | value0
        orientation 9                      | value9
        orientation 0xFFFF                 | valueFFFF
        orientation as LONG, not SHORT     | long
        no orientation tag                 | notag
        bad byte order mark                | badorder
        IFD offset beyond the segment      | farifd
        IFD offset inside the TIFF header  | nearifd
        entry count beyond the segment     | manyentries
        APP1 length beyond the file        | longapp1
        APP1 length below 2                | shortapp1
        APP1 too short for the Exif header | tinyapp1
        Exif header, no TIFF               | notiff
        EXIF after start of scan           | aftersos
        not a marker where one should be   | garbage
        """)
    void malformedExifMeansNormal(String description, String variant) {
        assertThat(Orientation.ofJpeg(malformed(variant))).isEqualTo(Orientation.NORMAL);
    }

    private static byte[] malformed(String variant) {
        return switch (variant) {
            case "none" -> Exif.jpegHeaderWith();
            case "value0" -> Exif.jpegHeaderWith(Exif.app1(Exif.tiff(0, II)));
            case "value9" -> Exif.jpegHeaderWith(Exif.app1(Exif.tiff(9, MM)));
            case "valueFFFF" -> Exif.jpegHeaderWith(Exif.app1(Exif.tiff(0xFFFF, II)));
            case "long" -> Exif.jpegHeaderWith(Exif.app1(Exif.tiff(MM, new int[][] {{0x0112, 4, 1, 6}})));
            case "notag" -> Exif.jpegHeaderWith(Exif.app1(Exif.tiff(II, new int[][] {{0x010F, 2, 4, 0}})));
            case "badorder" -> {
                byte[] t = Exif.tiff(6, II);
                t[0] = 'I';
                t[1] = 'M';
                yield Exif.jpegHeaderWith(Exif.app1(t));
            }
            case "farifd" -> Exif.jpegHeaderWith(Exif.app1(setInt(Exif.tiff(6, MM), 4, 0x7FFF_FFF0)));
            case "nearifd" -> Exif.jpegHeaderWith(Exif.app1(setInt(Exif.tiff(6, MM), 4, 2)));
            case "manyentries" -> {
                byte[] t = Exif.tiff(MM, new int[][] {{0x010F, 2, 4, 0}});
                t[8] = (byte) 0xFF;
                t[9] = (byte) 0xFF;
                yield Exif.jpegHeaderWith(Exif.app1(t));
            }
            case "longapp1" -> {
                byte[] a = Exif.app1(Exif.tiff(6, II));
                a[2] = (byte) 0x7F;
                yield Exif.jpegHeaderWith(a);
            }
            case "shortapp1" -> Exif.jpegHeaderWith(new byte[] {(byte) 0xFF, (byte) 0xE1, 0, 1});
            case "tinyapp1" -> Exif.jpegHeaderWith(new byte[] {(byte) 0xFF, (byte) 0xE1, 0, 6, 'E', 'x', 'i', 'f'});
            case "notiff" -> Exif.jpegHeaderWith(Exif.app1(new byte[0]));
            case "aftersos" -> {
                byte[] sos = {(byte) 0xFF, (byte) 0xDA, 0, 2};
                yield Exif.jpegHeaderWith(sos, Exif.app1(Exif.tiff(6, II)));
            }
            case "garbage" -> Exif.jpegHeaderWith(new byte[] {0x12, 0x34}, Exif.app1(Exif.tiff(6, II)));
            default -> throw new IllegalArgumentException(variant);
        };
    }

    @Test
    void everyTruncationOfAnExifHeaderIsSafe() {
        byte[] jpeg = Exif.jpegHeaderWith(Exif.app1(Exif.tiff(6, II)));
        for (int len = 0; len < jpeg.length; len++) {
            int o = Orientation.ofJpeg(Arrays.copyOf(jpeg, len));
            assertThat(o).as("truncated to %d bytes", len).isBetween(1, 8);
        }
    }

    @Test
    void randomDamageNeverThrows() {
        byte[] jpeg = Exif.jpegHeaderWith(Exif.app1(Exif.tiff(MM, new int[][] {{0x010F, 2, 4, 0}, {0x0112, 3, 1, 3}})));
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            byte[] b = jpeg.clone();
            for (int n = 1 + random.nextInt(4); n > 0; n--) {
                b[2 + random.nextInt(b.length - 2)] = (byte) random.nextInt(256);
            }
            assertThat(Orientation.ofJpeg(b)).isBetween(1, 8);
        }
    }

    @ParameterizedTest(name = "orientation {0} transposes: {1}")
    @CsvSource({"1,false", "2,false", "3,false", "4,false", "5,true", "6,true", "7,true", "8,true", "0,false", "9,false"
    })
    void transposes(int orientation, boolean transposes) {
        assertThat(Orientation.transposes(orientation)).isEqualTo(transposes);
    }

    /**
     * The stored 3x2 picture {@code ABC/DEF} as it must look upright, per the EXIF table of where
     * the 0th row and 0th column belong (e.g. 6: 0th row on the right, 0th column at the top).
     */
    @ParameterizedTest(name = "orientation {0} -> {1}")
    @CsvSource({
        "1, ABC/DEF",
        "2, CBA/FED",
        "3, FED/CBA",
        "4, DEF/ABC",
        "5, AD/BE/CF",
        "6, DA/EB/FC",
        "7, FC/EB/DA",
        "8, CF/BE/AD",
        "0, ABC/DEF",
        "9, ABC/DEF",
    })
    void turnsPixelsUpright(int orientation, String upright) {
        BufferedImage stored = grid("ABC/DEF", BufferedImage.TYPE_INT_RGB);
        assertThat(letters(Orientation.apply(stored, orientation))).isEqualTo(upright);
    }

    @Test
    void keepsAlpha() {
        BufferedImage stored = grid("ABC/DEF", BufferedImage.TYPE_INT_ARGB);
        stored.setRGB(0, 0, 0x00_000000 | ('A' - 'A' + 1));
        BufferedImage upright = Orientation.apply(stored, 6);
        assertThat(upright.getType()).isEqualTo(BufferedImage.TYPE_INT_ARGB);
        assertThat(upright.getRGB(1, 0) >>> 24)
                .as("A, transparent, is top right after orientation 6")
                .isZero();
        assertThat(upright.getRGB(0, 0) >>> 24).isEqualTo(0xFF);
    }

    /** Pixel value = letter index + 1 in the low byte, opaque. */
    private static BufferedImage grid(String rows, int type) {
        String[] r = rows.split("/");
        BufferedImage img = new BufferedImage(r[0].length(), r.length, type);
        for (int y = 0; y < r.length; y++) {
            for (int x = 0; x < r[y].length(); x++) {
                img.setRGB(x, y, 0xFF_000000 | (r[y].charAt(x) - 'A' + 1));
            }
        }
        return img;
    }

    private static String letters(BufferedImage img) {
        StringBuilder b = new StringBuilder();
        for (int y = 0; y < img.getHeight(); y++) {
            if (y > 0) {
                b.append('/');
            }
            for (int x = 0; x < img.getWidth(); x++) {
                b.append((char) ('A' - 1 + (img.getRGB(x, y) & 0xff)));
            }
        }
        return b.toString();
    }

    private static byte[] app1Raw(String payload) {
        byte[] p = payload.getBytes(StandardCharsets.ISO_8859_1);
        byte[] s = new byte[4 + p.length];
        s[0] = (byte) 0xFF;
        s[1] = (byte) 0xE1;
        s[2] = (byte) ((p.length + 2) >> 8);
        s[3] = (byte) (p.length + 2);
        System.arraycopy(p, 0, s, 4, p.length);
        return s;
    }

    private static byte[] setInt(byte[] tiff, int at, int value) {
        ByteOrder order = tiff[0] == 'I' ? II : MM;
        ByteBuffer.wrap(tiff).order(order).putInt(at, value);
        return tiff;
    }
}
