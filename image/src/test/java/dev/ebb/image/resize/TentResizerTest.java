package dev.ebb.image.resize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebb.image.testing.Images;
import java.awt.image.BufferedImage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TentResizerTest {

    /**
     * A {@code fill} crop is a region of the decoded image: resized in place, or handed over as
     * {@code getSubimage} (a view into the parent's pixel array with an offset and the parent's row
     * stride), the result must be the same as for a standalone copy of the crop.
     */
    @ParameterizedTest(name = "{0}x{1} region at {2},{3} of 400x300 into {4}x{5}")
    @CsvSource({
        "200, 100, 100, 150, 50, 25",
        "300, 300, 100, 0, 224, 224",
        "1, 1, 399, 299, 3, 3",
        "400, 300, 0, 0, 100, 75",
        "37, 211, 5, 44, 11, 64",
    })
    void subimageGivesTheSameAsACopy(int w, int h, int x, int y, int dw, int dh) {
        BufferedImage parent = Images.gradient(400, 300);
        BufferedImage view = parent.getSubimage(x, y, w, h);
        BufferedImage copy = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        copy.getGraphics().drawImage(view, 0, 0, null);

        BufferedImage fromView = new BufferedImage(dw, dh, BufferedImage.TYPE_INT_RGB);
        BufferedImage fromCopy = new BufferedImage(dw, dh, BufferedImage.TYPE_INT_RGB);
        TentResizer.INSTANCE.resize(view, fromView);
        TentResizer.INSTANCE.resize(copy, fromCopy);
        assertThat(Images.meanAbsDiff(fromView, fromCopy)).isZero();

        BufferedImage fromRegion = new BufferedImage(dw, dh, BufferedImage.TYPE_INT_RGB);
        TentResizer.INSTANCE.resize(parent, x, y, w, h, fromRegion);
        assertThat(Images.meanAbsDiff(fromRegion, fromCopy)).isZero();
    }

    @ParameterizedTest(name = "type {0} into type {1}")
    @CsvSource({"2, 1", "1, 2", "5, 1"}) // TYPE_INT_ARGB, TYPE_INT_RGB, TYPE_3BYTE_BGR
    void onlyOpaqueIntRgbIsResized(int srcType, int dstType) {
        BufferedImage src = new BufferedImage(8, 8, srcType);
        BufferedImage dst = new BufferedImage(4, 4, dstType);

        assertThatThrownBy(() -> TentResizer.INSTANCE.resize(src, dst))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TYPE_INT_RGB only");
    }

    @ParameterizedTest(name = "{0}x{1} into {2}x{3}")
    @CsvSource({"640, 480, 224, 168", "7, 3, 2, 1", "1, 1, 5, 5", "3000, 10, 224, 1", "100, 100, 100, 100"})
    void flatColourStaysFlat(int w, int h, int dw, int dh) {
        BufferedImage src = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                src.setRGB(x, y, 0x3366CC);
            }
        }
        BufferedImage dst = new BufferedImage(dw, dh, BufferedImage.TYPE_INT_RGB);
        TentResizer.INSTANCE.resize(src, dst);
        for (int y = 0; y < dh; y++) {
            for (int x = 0; x < dw; x++) {
                assertThat(dst.getRGB(x, y) & 0xFFFFFF).isEqualTo(0x3366CC);
            }
        }
    }

    @ParameterizedTest(name = "{0}x{1} into {2}x{3}")
    @CsvSource({"640, 480, 224, 168", "548, 343, 224, 140", "300, 300, 299, 299"})
    void gradientIsReproduced(int w, int h, int dw, int dh) {
        BufferedImage dst = new BufferedImage(dw, dh, BufferedImage.TYPE_INT_RGB);
        TentResizer.INSTANCE.resize(Images.gradient(w, h), dst);
        assertThat(Images.meanAbsDiff(dst, Images.gradient(dw, dh))).isLessThan(2.0);
    }
}
