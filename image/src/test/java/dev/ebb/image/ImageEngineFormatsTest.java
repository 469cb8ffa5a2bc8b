package dev.ebb.image;

import static dev.ebb.image.testing.Images.BLUE;
import static dev.ebb.image.testing.Images.GREEN;
import static dev.ebb.image.testing.Images.RED;
import static dev.ebb.image.testing.Images.WHITE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.image.Outcome.Rendered;
import dev.ebb.image.spec.OutputFormat;
import dev.ebb.image.spec.OutputSpec;
import dev.ebb.image.spec.ResizeMode;
import dev.ebb.image.spec.Rgb;
import dev.ebb.image.testing.Exif;
import dev.ebb.image.testing.Images;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** What comes out for each kind of source, on both decode paths. */
class ImageEngineFormatsTest {

    private static final int TOLERANCE = 40; // JPEG at q85 with 4:2:0 chroma, sampled well inside a flat area

    static Stream<Arguments> engines() {
        return Stream.of(
                Arguments.of("turbojpeg", ImageEngineTest.TURBO), Arguments.of("imageio", ImageEngineTest.IMAGE_IO));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void cmykAndYcckJpegsBecomeRgb(String path, ImageEngine engine) {
        for (byte[] cmyk : List.of(fixture("cmyk-ycck.jpg"), Images.cmykJpeg(64, 48))) {
            BufferedImage out = only(engine.render(cmyk, List.of(OutputSpec.fit(32, 32))), 32, 24);
            assertThat(out.getColorModel().getNumComponents()).isEqualTo(3);
            assertColour(out, 4, 12, RED);
            assertColour(out, 28, 12, BLUE);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void progressiveJpeg(String path, ImageEngine engine) {
        byte[] progressive = Images.jpeg(Images.quadrants(640, 480), 90, true);
        assertQuadrants(only(engine.render(progressive, List.of(OutputSpec.fit(224, 224))), 224, 168), "RG/BW");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void grayscaleJpeg(String path, ImageEngine engine) {
        BufferedImage gray = new BufferedImage(300, 200, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = gray.createGraphics();
        g.setColor(new Color(0x404040));
        g.fillRect(0, 0, 150, 200);
        g.setColor(new Color(0xC0C0C0));
        g.fillRect(150, 0, 150, 200);
        g.dispose();
        BufferedImage out = only(engine.render(Images.jpeg(gray), List.of(OutputSpec.fit(150, 150))), 150, 100);
        assertColour(out, 20, 50, 0x404040);
        assertColour(out, 130, 50, 0xC0C0C0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void animatedGifGivesItsFirstFrame(String path, ImageEngine engine) {
        byte[] gif = Images.animatedGif(120, 80, List.of(GREEN, RED, BLUE));
        Rendered r = rendered(engine.render(gif, List.of(OutputSpec.fit(60, 60))));
        assertThat(r.source().format()).isEqualTo("gif");
        BufferedImage out = Images.read(r.outputs().getFirst().bytes());
        assertThat(out.getWidth()).isEqualTo(60);
        assertThat(out.getHeight()).isEqualTo(40);
        assertColour(out, 30, 20, GREEN);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void bmp(String path, ImageEngine engine) {
        assertQuadrants(
                only(engine.render(Images.bmp(Images.quadrants(200, 100)), List.of(OutputSpec.fit(100, 100))), 100, 50),
                "RG/BW");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"quadrants-lossless.webp", "quadrants-lossy.webp"})
    void webp(String fixture) {
        byte[] webp = fixture(fixture);
        Rendered r = rendered(ImageEngineTest.TURBO.render(webp, List.of(OutputSpec.fit(32, 32))));
        assertThat(r.source().format()).isEqualTo("webp");
        BufferedImage out = Images.read(r.outputs().getFirst().bytes());
        assertThat(out.getWidth() + "x" + out.getHeight()).isEqualTo("32x24");
        assertQuadrants(out, "RG/BW");
        ImageEngineTest.assertRejected(
                ImageEngineTest.TURBO.render(Arrays.copyOf(webp, webp.length - 20), List.of(OutputSpec.fit(32, 32))),
                FailureReason.CORRUPT,
                "webp");
    }

    @Test
    void palettePng() {
        BufferedImage indexed = new BufferedImage(
                200,
                200,
                BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(
                        8,
                        4,
                        new byte[] {(byte) 255, 0, 0, (byte) 255},
                        new byte[] {0, (byte) 255, 0, (byte) 255},
                        new byte[] {0, 0, (byte) 255, (byte) 255}));
        Graphics2D g = indexed.createGraphics();
        g.drawImage(Images.quadrants(200, 200), 0, 0, null);
        g.dispose();
        assertQuadrants(
                only(ImageEngineTest.TURBO.render(Images.png(indexed), List.of(OutputSpec.fit(100, 100))), 100, 100),
                "RG/BW");
    }

    @Test
    void palettePngWithATransparentIndexIsFlattenedOntoTheBackground() {
        // index 0 transparent, index 1 opaque red; the right half is transparent
        IndexColorModel cm =
                new IndexColorModel(8, 2, new byte[] {0, (byte) 255}, new byte[] {0, 0}, new byte[] {0, 0}, 0);
        BufferedImage indexed = new BufferedImage(200, 100, BufferedImage.TYPE_BYTE_INDEXED, cm);
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 100; x++) {
                indexed.getRaster().setSample(x, y, 0, 1);
            }
        }
        OutputSpec onWhite = new OutputSpec(100, 100, ResizeMode.FIT, OutputFormat.JPEG, 90, Rgb.WHITE);
        BufferedImage out = only(ImageEngineTest.TURBO.render(Images.png(indexed), List.of(onWhite)), 100, 50);
        assertColour(out, 20, 25, RED);
        assertColour(out, 80, 25, WHITE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"gray", "rgb"})
    void sixteenBitPng(String kind) {
        BufferedImage img;
        if (kind.equals("gray")) {
            img = new BufferedImage(120, 60, BufferedImage.TYPE_USHORT_GRAY);
            for (int y = 0; y < 60; y++) {
                for (int x = 0; x < 120; x++) {
                    img.getRaster().setSample(x, y, 0, x < 60 ? 0x2000 : 0xE000);
                }
            }
        } else {
            ComponentColorModel cm = new ComponentColorModel(
                    ColorSpace.getInstance(ColorSpace.CS_sRGB),
                    false,
                    false,
                    Transparency.OPAQUE,
                    DataBuffer.TYPE_USHORT);
            img = new BufferedImage(cm, cm.createCompatibleWritableRaster(120, 60), false, null);
            for (int y = 0; y < 60; y++) {
                for (int x = 0; x < 120; x++) {
                    img.getRaster().setPixel(x, y, x < 60 ? new int[] {0xFFFF, 0, 0} : new int[] {0, 0, 0xFFFF});
                }
            }
        }
        byte[] png = Images.png(img);
        assertThat(png[24]).as("bit depth in IHDR").isEqualTo((byte) 16);
        BufferedImage out = only(ImageEngineTest.TURBO.render(png, List.of(OutputSpec.fit(60, 60))), 60, 30);
        int left = out.getRGB(10, 15);
        int right = out.getRGB(50, 15);
        if (kind.equals("gray")) {
            assertThat(left & 0xff).isLessThan(right & 0xff);
            assertThat(Images.distance(left, (left & 0xff) * 0x010101))
                    .as("still gray")
                    .isLessThan(8);
        } else {
            assertColour(out, 10, 15, RED);
            assertColour(out, 50, 15, BLUE);
        }
    }

    /** Left half opaque green, right half fully transparent. */
    private static byte[] halfTransparentPng() {
        BufferedImage argb = new BufferedImage(200, 100, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 200; x++) {
                argb.setRGB(x, y, x < 100 ? 0xFF_00FF00 : 0x00_FF0000);
            }
        }
        return Images.png(argb);
    }

    @ParameterizedTest(name = "background {0}")
    @CsvSource({"#ffffff", "#000000", "#3366cc"})
    void alphaIsFlattenedOntoTheBackgroundForJpeg(String background) {
        Rgb bg = Rgb.parse(background);
        OutputSpec spec = new OutputSpec(100, 100, ResizeMode.FIT, OutputFormat.JPEG, 90, bg);
        BufferedImage out = only(ImageEngineTest.TURBO.render(halfTransparentPng(), List.of(spec)), 100, 50);
        assertThat(out.getColorModel().hasAlpha()).isFalse();
        assertColour(out, 20, 25, GREEN);
        assertColour(out, 80, 25, bg.packed());
    }

    @Test
    void pngOutputKeepsAlphaInFitMode() {
        OutputSpec spec = OutputSpec.fit(100, 100).withFormat(OutputFormat.PNG);
        Rendered r = rendered(ImageEngineTest.TURBO.render(halfTransparentPng(), List.of(spec)));
        BufferedImage out = Images.read(r.outputs().getFirst().bytes());
        assertThat(out.getWidth()).isEqualTo(100);
        assertThat(out.getHeight()).isEqualTo(50);
        assertThat(out.getColorModel().hasAlpha()).isTrue();
        assertThat(out.getRGB(20, 25)).isEqualTo(0xFF_00FF00);
        assertThat(out.getRGB(80, 25) >>> 24)
                .as("alpha of the transparent half")
                .isZero();
    }

    /**
     * A 4000x3000 photo taken in portrait (EXIF 6): the thumbnail is 168x224, and the stored top
     * left corner (red) ends up top right.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void exifOrientation6Transposes(String path, ImageEngine engine) {
        byte[] photo = Exif.withOrientation(LargePhoto.JPEG, 6, ByteOrder.LITTLE_ENDIAN);
        Rendered r = rendered(engine.render(photo, List.of(OutputSpec.fit(224, 224))));
        assertThat(r.source().orientation()).isEqualTo(6);
        assertThat(r.source().width()).isEqualTo(3000);
        assertThat(r.source().height()).isEqualTo(4000);
        assertThat(r.source().decodedWidth())
                .as("shrink-on-load to 1/8, then turned upright")
                .isEqualTo(375);
        assertThat(r.source().decodedHeight()).isEqualTo(500);
        BufferedImage out = Images.read(r.outputs().getFirst().bytes());
        assertThat(out.getWidth()).isEqualTo(168);
        assertThat(out.getHeight()).isEqualTo(224);
        assertQuadrants(out, "BR/WG");
    }

    /** Stored quadrants RG/BW, turned upright per the EXIF table (see OrientationTest). */
    @ParameterizedTest(name = "orientation {0}: {1}")
    @CsvSource({"1, RG/BW", "2, GR/WB", "3, WB/GR", "4, BW/RG", "5, RB/GW", "6, BR/WG", "7, WG/BR", "8, GW/RB"})
    void everyOrientationOnBothPaths(int orientation, String upright) {
        byte[] jpeg = Exif.withOrientation(Images.jpeg(Images.quadrants(320, 160)), orientation, ByteOrder.BIG_ENDIAN);
        boolean t = orientation >= 5;
        for (ImageEngine engine : List.of(ImageEngineTest.TURBO, ImageEngineTest.IMAGE_IO)) {
            BufferedImage out =
                    only(engine.render(jpeg, List.of(OutputSpec.fit(160, 160))), t ? 80 : 160, t ? 160 : 80);
            assertQuadrants(out, upright);
        }
    }

    @ParameterizedTest(name = "{0} {1} into {2}")
    @CsvSource(delimiter = '|', textBlock = """
        400x300 | fit  | 224x224 | 224x168
        400x300 | fill | 224x224 | 224x224
        400x300 | pad  | 224x224 | 224x224
        300x400 | fill | 299x299 | 299x299
        100x50  | fit  | 224x224 | 100x50
        100x50  | fill | 224x224 | 224x224
        100x50  | pad  | 224x224 | 224x224
        1x1     | fit  | 224x224 | 1x1
        1x1     | pad  | 224x224 | 224x224
        2000x20 | fit  | 224x224 | 224x2
        20x2000 | fill | 224x224 | 224x224
        """)
    void modesGiveTheirSizes(String source, String mode, String box, String expected) {
        String[] s = source.split("x");
        String[] b = box.split("x");
        String[] e = expected.split("x");
        byte[] jpeg = Images.jpeg(Images.quadrants(Integer.parseInt(s[0]), Integer.parseInt(s[1])));
        OutputSpec spec =
                OutputSpec.fit(Integer.parseInt(b[0]), Integer.parseInt(b[1])).withMode(ResizeMode.parse(mode));
        for (ImageEngine engine : List.of(ImageEngineTest.TURBO, ImageEngineTest.IMAGE_IO)) {
            Rendered r = rendered(engine.render(jpeg, List.of(spec)));
            assertThat(r.outputs().getFirst().width()).isEqualTo(Integer.parseInt(e[0]));
            assertThat(r.outputs().getFirst().height()).isEqualTo(Integer.parseInt(e[1]));
            BufferedImage out = Images.read(r.outputs().getFirst().bytes());
            assertThat(out.getWidth() + "x" + out.getHeight()).isEqualTo(expected);
        }
    }

    @Test
    void fillCropsTheCentre() {
        // 400x100: red | green | blue | white in vertical bands; a square fill keeps the middle two
        BufferedImage bands = new BufferedImage(400, 100, BufferedImage.TYPE_INT_RGB);
        int[] colours = {RED, GREEN, BLUE, WHITE};
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 400; x++) {
                bands.setRGB(x, y, colours[x / 100]);
            }
        }
        OutputSpec spec = OutputSpec.fit(100, 100).withMode(ResizeMode.FILL);
        BufferedImage out = only(ImageEngineTest.TURBO.render(Images.jpeg(bands), List.of(spec)), 100, 100);
        assertColour(out, 20, 50, GREEN);
        assertColour(out, 80, 50, BLUE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void padFillsTheBorderWithTheBackground(String path, ImageEngine engine) {
        Rgb bg = new Rgb(0x33, 0x66, 0xCC);
        byte[] wide = Images.jpeg(Images.quadrants(400, 100));
        OutputSpec png = new OutputSpec(224, 224, ResizeMode.PAD, OutputFormat.PNG, 85, bg);
        OutputSpec jpeg = png.withFormat(OutputFormat.JPEG);
        Rendered r = rendered(engine.render(wide, List.of(png, jpeg)));
        BufferedImage exact = Images.read(r.outputs().get(0).bytes());
        BufferedImage lossy = Images.read(r.outputs().get(1).bytes());
        // the picture is 224x56 at y = 84..139; the border above and below is exactly the background
        for (int[] p : new int[][] {{0, 0}, {223, 0}, {112, 40}, {112, 82}, {0, 223}, {112, 141}, {223, 223}}) {
            assertThat(exact.getRGB(p[0], p[1]) & 0xFFFFFF)
                    .as("PNG border at %d,%d", p[0], p[1])
                    .isEqualTo(bg.packed());
            assertThat(Images.distance(lossy.getRGB(p[0], p[1]), bg.packed()))
                    .as("JPEG border at %d,%d", p[0], p[1])
                    .isLessThan(12);
        }
        assertThat(Images.distance(exact.getRGB(20, 90), RED))
                .as("picture top left")
                .isLessThan(TOLERANCE);
        assertThat(Images.distance(exact.getRGB(200, 130), WHITE))
                .as("picture bottom right")
                .isLessThan(TOLERANCE);
    }

    @Test
    void severalSpecsInOneRender() {
        List<OutputSpec> specs = List.of(
                OutputSpec.fit(224, 224),
                OutputSpec.fit(299, 299).withMode(ResizeMode.FILL),
                new OutputSpec(64, 32, ResizeMode.PAD, OutputFormat.PNG, 85, Rgb.WHITE),
                OutputSpec.fit(32, 32).withFormat(OutputFormat.PNG));
        Rendered r = rendered(ImageEngineTest.TURBO.render(LargePhoto.JPEG, specs));
        assertThat(r.outputs()).extracting(RenderedOutput::spec).containsExactlyElementsOf(specs);
        assertThat(r.outputs())
                .extracting(o -> o.width() + "x" + o.height())
                .containsExactly("224x168", "299x299", "64x32", "32x24");
        for (RenderedOutput o : r.outputs()) {
            boolean png = o.spec().format() == OutputFormat.PNG;
            assertThat(o.bytes()[1]).as("PNG or JPEG signature").isEqualTo(png ? (byte) 'P' : (byte) 0xD8);
            BufferedImage img = Images.read(o.bytes());
            assertThat(img.getWidth() + "x" + img.getHeight()).isEqualTo(o.width() + "x" + o.height());
            assertQuadrants(img, o.spec().mode() == ResizeMode.PAD ? null : "RG/BW");
        }
        // the 299 fill needs 299 rows of 3000: decoded at 1/8 = 500x375, shared by every output
        assertThat(r.source().decodedWidth()).isEqualTo(500);
    }

    @Test
    void jpegToPngAndOnePixelSources() {
        for (ImageEngine engine : List.of(ImageEngineTest.TURBO, ImageEngineTest.IMAGE_IO)) {
            BufferedImage one = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
            one.setRGB(0, 0, RED);
            BufferedImage out = only(
                    engine.render(
                            Images.jpeg(one), List.of(OutputSpec.fit(224, 224).withFormat(OutputFormat.PNG))),
                    1,
                    1);
            assertColour(out, 0, 0, RED);
            out = only(
                    engine.render(
                            Images.png(one), List.of(OutputSpec.fit(224, 224).withMode(ResizeMode.FILL))),
                    224,
                    224);
            assertColour(out, 112, 112, RED);
        }
    }

    @Test
    void sourceInfoNamesTheDecoder() {
        assertThat(ImageEngineTest.TURBO.jpegDecoder())
                .as("libturbojpeg0 must be installed for the tests")
                .isEqualTo("turbojpeg");
        assertThat(ImageEngineTest.IMAGE_IO.jpegDecoder()).isEqualTo("imageio");
        byte[] jpeg = Images.jpeg(Images.quadrants(64, 64));
        assertThat(rendered(ImageEngineTest.TURBO.render(jpeg, List.of(OutputSpec.fit(8, 8))))
                        .source()
                        .decoder())
                .isEqualTo("turbojpeg");
        assertThat(rendered(ImageEngineTest.IMAGE_IO.render(jpeg, List.of(OutputSpec.fit(8, 8))))
                        .source()
                        .decoder())
                .isEqualTo("imageio");
        assertThat(rendered(ImageEngineTest.TURBO.render(
                                Images.png(Images.quadrants(64, 64)), List.of(OutputSpec.fit(8, 8))))
                        .source()
                        .decoder())
                .isEqualTo("imageio");
    }

    /** Made once: a 12 MP quadrant picture, the size of a phone photo. */
    private static final class LargePhoto {
        static final byte[] JPEG = Images.jpeg(Images.quadrants(4000, 3000), 75, false);
    }

    static Rendered rendered(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Rendered.class);
        return (Rendered) outcome;
    }

    /** The single output, decoded, after checking its declared and its real size. */
    private static BufferedImage only(Outcome outcome, int width, int height) {
        Rendered r = rendered(outcome);
        assertThat(r.outputs()).hasSize(1);
        RenderedOutput o = r.outputs().getFirst();
        assertThat(o.width() + "x" + o.height()).isEqualTo(width + "x" + height);
        BufferedImage img = Images.read(o.bytes());
        assertThat(img.getWidth() + "x" + img.getHeight()).isEqualTo(width + "x" + height);
        return img;
    }

    private static void assertColour(BufferedImage img, int x, int y, int rgb) {
        assertThat(Images.distance(img.getRGB(x, y), rgb))
                .as("pixel %d,%d is #%06x, expected about #%06x", x, y, img.getRGB(x, y) & 0xFFFFFF, rgb)
                .isLessThan(TOLERANCE);
    }

    /** {@code layout} like "RG/BW": the colours of the four quadrants, sampled at their centres. */
    private static void assertQuadrants(BufferedImage img, String layout) {
        if (layout == null) {
            return;
        }
        int w = img.getWidth();
        int h = img.getHeight();
        String[] rows = layout.split("/");
        for (int qy = 0; qy < 2; qy++) {
            for (int qx = 0; qx < 2; qx++) {
                int colour = switch (rows[qy].charAt(qx)) {
                    case 'R' -> RED;
                    case 'G' -> GREEN;
                    case 'B' -> BLUE;
                    default -> WHITE;
                };
                assertColour(img, w / 4 + qx * w / 2, h / 4 + qy * h / 2, colour);
            }
        }
    }

    private static byte[] fixture(String name) {
        try (InputStream in = ImageEngineFormatsTest.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
