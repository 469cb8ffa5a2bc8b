package dev.ebb.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.image.Outcome.Rejected;
import dev.ebb.image.spec.OutputSpec;
import dev.ebb.image.testing.Images;
import dev.ebb.image.testing.Png;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every failure reason, on both decode paths: a typed rejection, never an exception or a thumbnail. */
class ImageEngineTest {

    static final ImageEngine TURBO = ImageEngine.create(Limits.DEFAULT);
    static final ImageEngine IMAGE_IO = ImageEngine.withImageIo(Limits.DEFAULT);
    private static final List<OutputSpec> THUMB = List.of(OutputSpec.fit(224, 224));

    private static final byte[] SMALL_JPEG = Images.jpeg(Images.gradient(320, 240));

    static Stream<Arguments> rejections() {
        return Stream.of(
                rejects("zero bytes", () -> new byte[0], FailureReason.EMPTY, "empty"),
                rejects(
                        "text named .jpg",
                        () -> "just some notes, saved as notes.jpg\n".getBytes(StandardCharsets.UTF_8),
                        FailureReason.UNSUPPORTED_FORMAT,
                        "not an image"),
                rejects(
                        "text that starts like a BMP",
                        () -> "BMI report 2024: see the attached measurements, page 2.\n"
                                .getBytes(StandardCharsets.UTF_8),
                        FailureReason.UNSUPPORTED_FORMAT,
                        "not an image"),
                rejects("random bytes", () -> random(4096, 1), FailureReason.UNSUPPORTED_FORMAT, "not an image"),
                rejects("one byte", () -> new byte[] {(byte) 0xFF}, FailureReason.UNSUPPORTED_FORMAT, "not an image"),
                rejects(
                        "TIFF, little-endian",
                        () -> withMagic(new byte[] {'I', 'I', 42, 0}),
                        FailureReason.UNSUPPORTED_FORMAT,
                        "TIFF"),
                rejects(
                        "TIFF, big-endian",
                        () -> withMagic(new byte[] {'M', 'M', 0, 42}),
                        FailureReason.UNSUPPORTED_FORMAT,
                        "TIFF"),
                rejects(
                        "HEIC",
                        () -> withMagic(new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c'}),
                        FailureReason.UNSUPPORTED_FORMAT,
                        "HEIC"),
                rejects(
                        "AVIF",
                        () -> withMagic(new byte[] {0, 0, 0, 28, 'f', 't', 'y', 'p', 'a', 'v', 'i', 'f'}),
                        FailureReason.UNSUPPORTED_FORMAT,
                        "AVIF"),
                rejects(
                        "PDF",
                        () -> "%PDF-1.7\n%\u00e2\u00e3".getBytes(StandardCharsets.ISO_8859_1),
                        FailureReason.UNSUPPORTED_FORMAT,
                        "PDF"),
                rejects(
                        "JPEG cut in half",
                        () -> Arrays.copyOf(SMALL_JPEG, SMALL_JPEG.length / 2),
                        FailureReason.CORRUPT,
                        "JPEG"),
                rejects(
                        "JPEG cut after the header",
                        () -> Arrays.copyOf(SMALL_JPEG, 700),
                        FailureReason.CORRUPT,
                        "JPEG"),
                rejects(
                        "JPEG with its tables overwritten",
                        () -> overwrite(SMALL_JPEG, 100, 400),
                        FailureReason.CORRUPT,
                        "JPEG"),
                rejects(
                        "JPEG signature only",
                        () -> new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF},
                        FailureReason.CORRUPT,
                        ""),
                rejects(
                        "PNG cut in half",
                        () -> half(Images.png(Images.gradient(64, 64))),
                        FailureReason.CORRUPT,
                        "png"),
                rejects("PNG signature only", Png::signature, FailureReason.CORRUPT, "png"),
                rejects(
                        "GIF cut in half",
                        () -> half(Images.encode(Images.gradient(64, 64), "gif")),
                        FailureReason.CORRUPT,
                        "gif"),
                rejects(
                        "PNG header claims 60000x60000",
                        () -> Png.headerOnly(60_000, 60_000),
                        FailureReason.TOO_MANY_PIXELS,
                        "60000x60000"),
                rejects(
                        "PNG header claims 20000x20000 (sides fine, 400 MP)",
                        () -> Png.headerOnly(20_000, 20_000),
                        FailureReason.TOO_MANY_PIXELS,
                        "MP"),
                rejects(
                        "PNG bomb, 30000x30000 1-bit",
                        () -> PngBomb.BYTES,
                        FailureReason.TOO_MANY_PIXELS,
                        "30000x30000"),
                rejects(
                        "JPEG SOF claims 65000x65000",
                        () -> Images.withSofSize(SMALL_JPEG, 65_000, 65_000),
                        FailureReason.TOO_MANY_PIXELS,
                        "65000x65000"),
                rejects(
                        "JPEG SOF claims 12000x12000 (sides fine, 144 MP)",
                        () -> Images.withSofSize(SMALL_JPEG, 12_000, 12_000),
                        FailureReason.TOO_MANY_PIXELS,
                        "MP"));
    }

    private static Arguments rejects(String name, Supplier<byte[]> bytes, FailureReason reason, String mentions) {
        return Arguments.of(name, bytes, reason, mentions);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void turbojpegPathRejects(String name, Supplier<byte[]> bytes, FailureReason reason, String mentions) {
        assertRejected(TURBO.render(bytes.get(), THUMB), reason, mentions);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void imageIoPathRejects(String name, Supplier<byte[]> bytes, FailureReason reason, String mentions) {
        assertRejected(IMAGE_IO.render(bytes.get(), THUMB), reason, mentions);
    }

    /**
     * A rejected file must leave nothing behind: libturbojpeg's handles are pooled, and one that
     * failed mid-header used to fail every later file with the same error.
     */
    @Test
    void aBadFileDoesNotPoisonTheNextOne() {
        for (ImageEngine engine : List.of(TURBO, IMAGE_IO)) {
            rejections().forEach(args -> {
                Object[] a = args.get();
                @SuppressWarnings("unchecked")
                byte[] bad = ((Supplier<byte[]>) a[1]).get();
                assertThat(engine.render(bad, THUMB)).as("%s", a[0]).isInstanceOf(Rejected.class);
                assertThat(engine.render(SMALL_JPEG, THUMB))
                        .as("a valid JPEG right after: %s", a[0])
                        .isInstanceOf(Outcome.Rendered.class);
            });
        }
    }

    /** One engine, many threads, good and bad files interleaved: each gets its own right answer. */
    @Test
    void concurrentRendersDoNotMixUp() throws Exception {
        byte[] bad = overwrite(SMALL_JPEG, 100, 400);
        List<byte[]> good = List.of(
                Images.jpeg(Images.gradient(300, 200)),
                Images.jpeg(Images.gradient(200, 300)),
                Images.jpeg(Images.gradient(640, 64)));
        List<String> sizes = List.of("224x149", "149x224", "224x22");
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        int k = (i + thread) % 4;
                        Outcome o = TURBO.render(k == 3 ? bad : good.get(k), THUMB);
                        if (k == 3) {
                            assertRejected(o, FailureReason.CORRUPT, "JPEG");
                        } else {
                            assertThat(o).isInstanceOf(Outcome.Rendered.class);
                            RenderedOutput out =
                                    ((Outcome.Rendered) o).outputs().getFirst();
                            assertThat(out.width() + "x" + out.height()).isEqualTo(sizes.get(k));
                            assertThat(Images.read(out.bytes()).getWidth()).isEqualTo(out.width());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
    }

    @Test
    void overTheByteLimitIsTooLargeBeforeAnythingIsRead() {
        Limits small = new Limits(1000, Limits.DEFAULT.maxPixels(), Limits.DEFAULT.maxSide());
        byte[] jpeg = SMALL_JPEG;
        assertThat(jpeg.length).isGreaterThan(1000);
        assertRejected(ImageEngine.create(small).render(jpeg, THUMB), FailureReason.TOO_LARGE, "1000");
        assertRejected(ImageEngine.withImageIo(small).render(jpeg, THUMB), FailureReason.TOO_LARGE, "1000");
        // Even bytes that are no image at all: the size is checked first.
        assertRejected(ImageEngine.create(small).render(random(1001, 2), THUMB), FailureReason.TOO_LARGE, "1000");
        assertThat(ImageEngine.create(small).render(Arrays.copyOf(jpeg, 1000), THUMB))
                .isNotInstanceOf(Outcome.Rendered.class); // at the limit: read (and found truncated)
    }

    @Test
    void pixelLimitsComeFromTheHeaderOnAnyFormat() {
        Limits tight = new Limits(Limits.DEFAULT.maxBytes(), 10_000, 200);
        ImageEngine engine = ImageEngine.create(tight);
        assertRejected(
                engine.render(Images.jpeg(Images.gradient(201, 10)), THUMB),
                FailureReason.TOO_MANY_PIXELS,
                "200 pixels per side");
        assertRejected(
                engine.render(Images.png(Images.gradient(10, 201)), THUMB),
                FailureReason.TOO_MANY_PIXELS,
                "200 pixels per side");
        assertRejected(
                engine.render(Images.bmp(Images.gradient(101, 100)), THUMB), FailureReason.TOO_MANY_PIXELS, "MP");
        assertThat(engine.render(Images.jpeg(Images.gradient(100, 100)), THUMB)).isInstanceOf(Outcome.Rendered.class);
        assertThat(engine.render(Images.jpeg(Images.gradient(200, 50)), THUMB)).isInstanceOf(Outcome.Rendered.class);
    }

    /** The bomb is a real PNG: with the limits raised it renders, row by row, subsampled. */
    @Test
    void theBombIsSmallAndReal() {
        assertThat(PngBomb.BYTES.length).isLessThan(200_000);
        ImageEngine lenient = ImageEngine.withImageIo(new Limits(Limits.DEFAULT.maxBytes(), 1_000_000_000L, 30_000));
        Outcome outcome = lenient.render(PngBomb.BYTES, List.of(OutputSpec.fit(64, 64)));
        assertThat(outcome).isInstanceOf(Outcome.Rendered.class);
        assertThat(((Outcome.Rendered) outcome).outputs().getFirst().width()).isEqualTo(64);
    }

    @Test
    void reasonCodesAreStable() {
        assertThat(Arrays.stream(FailureReason.values()).map(FailureReason::code))
                .containsExactly("corrupt", "unsupported_format", "too_many_pixels", "too_large", "empty");
    }

    static void assertRejected(Outcome outcome, FailureReason reason, String mentions) {
        assertThat(outcome).isInstanceOf(Rejected.class);
        Rejection r = ((Rejected) outcome).rejection();
        assertThat(r.reason()).as(r.toString()).isEqualTo(reason);
        assertThat(r.message()).isNotBlank().containsIgnoringCase(mentions);
    }

    /** Made once: about 100 KB that would inflate to 112 MB of rows (900 MP). */
    private static final class PngBomb {
        static final byte[] BYTES = Png.bomb(30_000, 30_000);
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] withMagic(byte[] magic) {
        byte[] b = random(512, 3);
        System.arraycopy(magic, 0, b, 0, magic.length);
        return b;
    }

    private static byte[] overwrite(byte[] b, int from, int to) {
        byte[] c = b.clone();
        Arrays.fill(c, from, to, (byte) 0x55);
        return c;
    }

    private static byte[] half(byte[] b) {
        return Arrays.copyOf(b, b.length / 2);
    }
}
