package dev.ebb.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.image.Outcome.Rendered;
import dev.ebb.image.spec.OutputFormat;
import dev.ebb.image.spec.OutputSpec;
import dev.ebb.image.spec.ResizeMode;
import dev.ebb.image.testing.Exif;
import dev.ebb.image.testing.Images;
import java.awt.image.BufferedImage;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * libturbojpeg (DCT-scaled decode) and the ImageIO fallback (subsampled decode) must agree: same
 * output sizes for every source, orientation and mode, and nearly the same pixels.
 */
class DecodePathsTest {

    private static final List<OutputSpec> SPECS = specs();

    @BeforeAll
    static void bothPathsAreReallyDifferent() {
        assertThat(ImageEngineTest.TURBO.jpegDecoder())
                .as("libturbojpeg must load for this test (apt-get install libturbojpeg0)")
                .isEqualTo("turbojpeg");
        assertThat(ImageEngineTest.IMAGE_IO.jpegDecoder()).isEqualTo("imageio");
    }

    private static List<OutputSpec> specs() {
        List<OutputSpec> specs = new ArrayList<>();
        for (int[] box : new int[][] {{224, 224}, {299, 299}, {101, 57}}) {
            for (ResizeMode mode : ResizeMode.values()) {
                specs.add(OutputSpec.fit(box[0], box[1]).withMode(mode));
            }
        }
        specs.add(OutputSpec.fit(64, 64).withFormat(OutputFormat.PNG));
        return List.copyOf(specs);
    }

    static Stream<Arguments> sources() {
        int[][] sizes = {{1, 1}, {7, 5}, {224, 223}, {640, 480}, {1001, 999}, {2000, 1250}, {2400, 16}, {16, 2400}};
        List<Arguments> cases = new ArrayList<>();
        for (int[] s : sizes) {
            for (int orientation : new int[] {1, 3, 6, 8}) {
                cases.add(Arguments.of(s[0], s[1], orientation));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}x{1} orientation {2}")
    @MethodSource("sources")
    void sameSizesAndNearlyTheSamePixels(int width, int height, int orientation) {
        byte[] jpeg = Images.jpeg(Images.gradient(width, height), 92, false);
        if (orientation != 1) {
            jpeg = Exif.withOrientation(jpeg, orientation, ByteOrder.LITTLE_ENDIAN);
        }
        Rendered turbo = ImageEngineFormatsTest.rendered(ImageEngineTest.TURBO.render(jpeg, SPECS));
        Rendered imageIo = ImageEngineFormatsTest.rendered(ImageEngineTest.IMAGE_IO.render(jpeg, SPECS));

        assertThat(turbo.source().decoder()).isEqualTo("turbojpeg");
        assertThat(imageIo.source().decoder()).isEqualTo("imageio");
        boolean transposed = orientation >= 5;
        assertThat(turbo.source().width()).isEqualTo(transposed ? height : width);
        assertThat(turbo.source().height()).isEqualTo(transposed ? width : height);
        assertThat(imageIo.source().width()).isEqualTo(turbo.source().width());
        assertThat(imageIo.source().height()).isEqualTo(turbo.source().height());

        for (int i = 0; i < SPECS.size(); i++) {
            RenderedOutput t = turbo.outputs().get(i);
            RenderedOutput o = imageIo.outputs().get(i);
            String what = SPECS.get(i).boxName() + " " + SPECS.get(i).mode().id();
            assertThat(o.width() + "x" + o.height()).as(what).isEqualTo(t.width() + "x" + t.height());
            BufferedImage tp = Images.read(t.bytes());
            BufferedImage op = Images.read(o.bytes());
            assertThat(op.getWidth() + "x" + op.getHeight()).as(what).isEqualTo(tp.getWidth() + "x" + tp.getHeight());
            assertThat(tp.getWidth() + "x" + tp.getHeight()).as(what).isEqualTo(t.width() + "x" + t.height());
            assertThat(Images.meanAbsDiff(tp, op))
                    .as("mean abs diff of %s", what)
                    .isLessThan(4.0);
        }
    }
}
