package dev.ebb.image.geometry;

import static dev.ebb.image.geometry.LayoutTest.size;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.image.spec.OutputSpec;
import dev.ebb.image.spec.ResizeMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecodeScaleTest {

    /**
     * The whole shrink-on-load choice for a JPEG: smallest n/8 whose decode is still at least 2x
     * the output ({@code fit}, {@code pad}) or 1x ({@code fill}). Outputs: comma-separated boxes.
     */
    @ParameterizedTest(name = "{0} {1} {2} orientation-transposed={3}")
    @CsvSource(delimiter = '|', textBlock = """
        # stored   | boxes           | mode | transposed | required  | eighths | decoded
        4381x2738  | 224x224         | fit  | false      | 448x280   | 1       | 548x343
        4381x2738  | 299x299         | fit  | false      | 598x374   | 2       | 1096x685
        4381x2738  | 224x224,299x299 | fit  | false      | 598x374   | 2       | 1096x685
        2000x1250  | 224x224         | fit  | false      | 448x280   | 2       | 500x313
        2000x1250  | 224x224         | pad  | false      | 448x280   | 2       | 500x313
        4381x2738  | 224x224         | fill | false      | 359x224   | 1       | 548x343
        4000x3000  | 224x224         | fit  | false      | 448x336   | 1       | 500x375
        4000x3000  | 224x224         | fit  | true       | 448x336   | 1       | 500x375
        4000x3000  | 1024x1024       | fit  | false      | 2048x1536 | 5       | 2500x1875
        4000x3000  | 4000x4000       | fit  | false      | 4000x3000 | 8       | 4000x3000
        1x1        | 224x224         | fit  | false      | 1x1       | 1       | 1x1
        1x1        | 224x224         | fill | false      | 1x1       | 1       | 1x1
        100x50     | 224x224         | fit  | false      | 100x50    | 8       | 100x50
        100x50     | 224x224         | pad  | false      | 100x50    | 8       | 100x50
        # panoramas: the long side decides; a transposed source swaps the axes
        12000x40   | 224x224         | fit  | false      | 448x2     | 1       | 1500x5
        12000x40   | 224x224         | fit  | true       | 448x2     | 1       | 1500x5
        40x12000   | 224x224         | fit  | true       | 2x448     | 1       | 5x1500
        # fill enlarges a 40x40 crop to 224x224: nothing may be dropped
        12000x40   | 224x224         | fill | false      | 12000x40  | 8       | 12000x40
        """)
    void choosesTheSmallestSufficientDctScale(
            String stored,
            String boxes,
            String mode,
            boolean transposed,
            String required,
            int eighths,
            String decoded) {
        Size raw = size(stored);
        Size upright = transposed ? raw.transposed() : raw;
        ResizeMode m = ResizeMode.parse(mode);
        List<Layout> layouts = new ArrayList<>();
        List<ResizeMode> modes = new ArrayList<>();
        for (String box : boxes.split(",")) {
            Size b = size(box);
            layouts.add(Layout.of(upright, OutputSpec.fit(b.width(), b.height()).withMode(m)));
            modes.add(m);
        }
        Size need = DecodeScale.required(raw, transposed, layouts, modes);
        assertThat(need).isEqualTo(size(required));
        assertThat(DecodeScale.dctEighths(raw, need)).isEqualTo(eighths);
        assertThat(DecodeScale.dctScaled(raw, eighths)).isEqualTo(size(decoded));
    }

    @Test
    void transposedSourceNeedsItsAxesSwapped() {
        // Stored 12000x40 shown upright as 40x12000 (EXIF 6): the 224 px tall output needs 448 rows of
        // the *upright* image, i.e. 448 columns of the stored one, and 2 rows of the 40.
        Size raw = new Size(12000, 40);
        Layout upright = Layout.of(raw.transposed(), OutputSpec.fit(224, 224));
        assertThat(upright.resized()).isEqualTo(new Size(1, 224));
        assertThat(DecodeScale.required(raw, true, List.of(upright), List.of(ResizeMode.FIT)))
                .isEqualTo(new Size(448, 2));
    }

    @Test
    void fillNeedsOnlyOnceTheOutputAndTheMaxOfAllSpecsWins() {
        Size raw = new Size(4381, 2738);
        Layout fill = Layout.of(raw, OutputSpec.fit(224, 224).withMode(ResizeMode.FILL));
        Layout fit = Layout.of(raw, OutputSpec.fit(224, 224));
        assertThat(DecodeScale.required(raw, false, List.of(fill), List.of(ResizeMode.FILL)))
                .isEqualTo(new Size(359, 224));
        assertThat(DecodeScale.required(raw, false, List.of(fill, fit), List.of(ResizeMode.FILL, ResizeMode.FIT)))
                .isEqualTo(new Size(448, 280));
    }

    @ParameterizedTest(name = "{0} at {1}/8 = {2}")
    @CsvSource(textBlock = """
        4381x2738, 1, 548x343
        4381x2738, 2, 1096x685
        4381x2738, 3, 1643x1027
        4381x2738, 7, 3834x2396
        4381x2738, 8, 4381x2738
        1x1,       1, 1x1
        9x9,       1, 2x2
        8x8,       1, 1x1
        17x3,      4, 9x2
        65000x65000, 1, 8125x8125
        """)
    void dctScaledRoundsUpLikeLibjpeg(String raw, int eighths, String scaled) {
        assertThat(DecodeScale.dctScaled(size(raw), eighths)).isEqualTo(size(scaled));
    }

    /** For any raw and required size: n/8 is enough, and (n-1)/8 would not have been. */
    @Test
    void dctEighthsIsMinimal() {
        int[] sides = {1, 2, 7, 8, 9, 15, 16, 17, 100, 223, 224, 449, 1000, 2738, 4381, 12000};
        for (int w : sides) {
            for (int h : sides) {
                Size raw = new Size(w, h);
                for (int rw : sides) {
                    for (int rh : sides) {
                        Size req = new Size(Math.min(rw, w), Math.min(rh, h));
                        int n = DecodeScale.dctEighths(raw, req);
                        Size got = DecodeScale.dctScaled(raw, n);
                        assertThat(n).as("%s for %s", raw, req).isBetween(1, 8);
                        assertThat(got.width() >= req.width() && got.height() >= req.height())
                                .as("%s/8 of %s covers %s", n, raw, req)
                                .isTrue();
                        if (n > 1) {
                            Size smaller = DecodeScale.dctScaled(raw, n - 1);
                            assertThat(smaller.width() >= req.width() && smaller.height() >= req.height())
                                    .as("%s/8 of %s already covers %s", n - 1, raw, req)
                                    .isFalse();
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} needing {1}: every {2}th pixel")
    @CsvSource(textBlock = """
        4000x3000, 448x336, 8
        4000x3000, 449x336, 8
        4000x3000, 501x336, 7
        4000x3000, 4000x3000, 1
        4000x3000, 5000x5000, 1
        12000x40,  448x2,    26
        40x12000,  2x448,    26
        1000x1000, 1x1,    1000
        10x10,     3x3,      4
        10x10,     4x4,      3
        7x7,       3x3,      3
        1x1,       1x1,      1
        """)
    void subsamplingStep(String raw, String required, int step) {
        assertThat(DecodeScale.subsamplingStep(size(raw), size(required))).isEqualTo(step);
    }

    /** ImageIO keeps ceil(side / s) pixels: at least the required ones, and s + 1 would keep too few. */
    @Test
    void subsamplingStepIsMaximal() {
        int[] sides = {1, 2, 3, 7, 10, 99, 100, 448, 1000, 4381, 12000};
        for (int w : sides) {
            for (int h : sides) {
                for (int rw : sides) {
                    for (int rh : sides) {
                        Size raw = new Size(w, h);
                        Size req = new Size(Math.min(rw, w), Math.min(rh, h));
                        int s = DecodeScale.subsamplingStep(raw, req);
                        assertThat(ceilDiv(w, s) >= req.width() && ceilDiv(h, s) >= req.height())
                                .as("%s step %s for %s", raw, s, req)
                                .isTrue();
                        assertThat(ceilDiv(w, s + 1) >= req.width()
                                        && ceilDiv(h, s + 1) >= req.height()
                                        && s + 1 <= Math.min(w, h))
                                .as("%s step %s could be larger for %s", raw, s, req)
                                .isFalse();
                    }
                }
            }
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
