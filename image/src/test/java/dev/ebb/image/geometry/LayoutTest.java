package dev.ebb.image.geometry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.image.spec.OutputFormat;
import dev.ebb.image.spec.OutputSpec;
import dev.ebb.image.spec.ResizeMode;
import dev.ebb.image.spec.Rgb;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class LayoutTest {

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
        # source    | box     | mode | crop x,y,w,h        | resized | canvas  | offset
        4000x3000   | 224x224 | fit  | 0,0,4000,3000       | 224x168 | 224x168 | 0,0
        3000x4000   | 224x224 | fit  | 0,0,3000,4000       | 168x224 | 168x224 | 0,0
        4381x2738   | 224x224 | fit  | 0,0,4381,2738       | 224x140 | 224x140 | 0,0
        4381x2738   | 299x299 | fit  | 0,0,4381,2738       | 299x187 | 299x187 | 0,0
        2000x1250   | 224x224 | fit  | 0,0,2000,1250       | 224x140 | 224x140 | 0,0
        4000x3000   | 224x224 | pad  | 0,0,4000,3000       | 224x168 | 224x224 | 0,28
        3000x4000   | 224x224 | pad  | 0,0,3000,4000       | 168x224 | 224x224 | 28,0
        4000x3000   | 224x224 | fill | 500,0,3000,3000     | 224x224 | 224x224 | 0,0
        3000x4000   | 224x224 | fill | 0,500,3000,3000     | 224x224 | 224x224 | 0,0
        4000x3000   | 299x224 | fill | 0,1,4000,2997       | 299x224 | 299x224 | 0,0
        224x224     | 224x224 | fit  | 0,0,224,224         | 224x224 | 224x224 | 0,0
        224x224     | 224x224 | fill | 0,0,224,224         | 224x224 | 224x224 | 0,0
        224x224     | 224x224 | pad  | 0,0,224,224         | 224x224 | 224x224 | 0,0
        # odd sizes everywhere
        333x777     | 101x99  | fit  | 0,0,333,777         | 42x99   | 42x99   | 0,0
        333x777     | 101x99  | pad  | 0,0,333,777         | 42x99   | 101x99  | 29,0
        333x777     | 101x99  | fill | 0,225,333,326       | 101x99  | 101x99  | 0,0
        7x3         | 4x4     | fit  | 0,0,7,3             | 4x2     | 4x2     | 0,0
        7x3         | 4x4     | pad  | 0,0,7,3             | 4x2     | 4x4     | 0,1
        7x3         | 4x4     | fill | 2,0,3,3             | 4x4     | 4x4     | 0,0
        2x3         | 1x1     | fit  | 0,0,2,3             | 1x1     | 1x1     | 0,0
        # 1x1 source: fit keeps it, fill and pad give exactly the box
        1x1         | 224x224 | fit  | 0,0,1,1             | 1x1     | 1x1     | 0,0
        1x1         | 224x224 | fill | 0,0,1,1             | 224x224 | 224x224 | 0,0
        1x1         | 224x224 | pad  | 0,0,1,1             | 224x224 | 224x224 | 0,0
        1x1         | 299x224 | pad  | 0,0,1,1             | 224x224 | 299x224 | 37,0
        # panoramas: the short side never drops below one pixel
        12000x40    | 224x224 | fit  | 0,0,12000,40        | 224x1   | 224x1   | 0,0
        12000x40    | 224x224 | pad  | 0,0,12000,40        | 224x1   | 224x224 | 0,111
        12000x40    | 224x224 | fill | 5980,0,40,40        | 224x224 | 224x224 | 0,0
        40x12000    | 224x224 | fit  | 0,0,40,12000        | 1x224   | 1x224   | 0,0
        40x12000    | 224x224 | pad  | 0,0,40,12000        | 1x224   | 224x224 | 111,0
        40x12000    | 224x224 | fill | 0,5980,40,40        | 224x224 | 224x224 | 0,0
        12000x40    | 299x299 | fit  | 0,0,12000,40        | 299x1   | 299x1   | 0,0
        # smaller than the box: fit never enlarges, fill and pad do
        100x50      | 224x224 | fit  | 0,0,100,50          | 100x50  | 100x50  | 0,0
        100x50      | 224x224 | pad  | 0,0,100,50          | 224x112 | 224x224 | 0,56
        100x50      | 224x224 | fill | 25,0,50,50          | 224x224 | 224x224 | 0,0
        200x300     | 224x224 | fit  | 0,0,200,300         | 149x224 | 149x224 | 0,0
        """)
    void layout(String source, String box, String mode, String crop, String resized, String canvas, String offset) {
        Size b = size(box);
        Layout l = Layout.of(
                size(source),
                new OutputSpec(b.width(), b.height(), ResizeMode.parse(mode), OutputFormat.JPEG, 85, Rgb.BLACK));
        int[] c = ints(crop);
        int[] o = ints(offset);
        assertThat(l.crop()).isEqualTo(new Region(c[0], c[1], c[2], c[3]));
        assertThat(l.resized()).isEqualTo(size(resized));
        assertThat(l.canvas()).isEqualTo(size(canvas));
        assertThat(new int[] {l.offsetX(), l.offsetY()}).containsExactly(o);
    }

    private static final int[] SIDES = {1, 2, 3, 7, 40, 99, 100, 223, 224, 225, 299, 300, 641, 1000, 2738, 4381, 12000};

    static Stream<Arguments> boxesAndModes() {
        int[][] boxes = {{224, 224}, {299, 299}, {1, 1}, {101, 57}, {57, 101}, {3, 640}};
        List<Arguments> cases = new ArrayList<>();
        for (int[] box : boxes) {
            for (ResizeMode m : ResizeMode.values()) {
                cases.add(Arguments.of(box[0], box[1], m));
            }
        }
        return cases.stream();
    }

    /** What must hold for any source and box, whatever the rounding: every pair of {@link #SIDES}. */
    @ParameterizedTest(name = "into {0}x{1} {2}")
    @MethodSource("boxesAndModes")
    void invariants(int bw, int bh, ResizeMode mode) {
        for (int w : SIDES) {
            for (int h : SIDES) {
                Size source = new Size(w, h);
                try {
                    invariants(source, bw, bh, mode);
                } catch (AssertionError e) {
                    throw new AssertionError(
                            source + " into " + bw + "x" + bh + " " + mode.id() + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private static void invariants(Size source, int bw, int bh, ResizeMode mode) {
        Layout l = Layout.of(source, OutputSpec.fit(bw, bh).withMode(mode));
        Region crop = l.crop();
        assertThat(crop.x() + crop.width()).isLessThanOrEqualTo(source.width());
        assertThat(crop.y() + crop.height()).isLessThanOrEqualTo(source.height());
        assertThat(l.resized().width()).isBetween(1, bw);
        assertThat(l.resized().height()).isBetween(1, bh);
        assertThat(l.offsetX() + l.resized().width())
                .isLessThanOrEqualTo(l.canvas().width());
        assertThat(l.offsetY() + l.resized().height())
                .isLessThanOrEqualTo(l.canvas().height());
        switch (mode) {
            case FIT -> {
                assertThat(crop).isEqualTo(Region.whole(source));
                assertThat(l.canvas()).isEqualTo(l.resized());
                assertThat(l.resized().width()).as("fit never enlarges").isLessThanOrEqualTo(source.width());
                assertThat(l.resized().height()).as("fit never enlarges").isLessThanOrEqualTo(source.height());
                assertThat(l.resized().width() == bw
                                || l.resized().height() == bh
                                || l.resized().equals(source))
                        .as("fit touches the box or keeps the source")
                        .isTrue();
                double s = Math.min(1.0, Math.min((double) bw / source.width(), (double) bh / source.height()));
                assertScaled(source, s, l.resized());
            }
            case PAD -> {
                assertThat(crop).isEqualTo(Region.whole(source));
                assertThat(l.canvas()).isEqualTo(new Size(bw, bh));
                assertThat(l.resized().width() == bw || l.resized().height() == bh)
                        .as("pad touches the box")
                        .isTrue();
                assertThat(Math.abs(2 * l.offsetX() + l.resized().width() - bw))
                        .as("centred")
                        .isLessThanOrEqualTo(1);
                assertThat(Math.abs(2 * l.offsetY() + l.resized().height() - bh))
                        .as("centred")
                        .isLessThanOrEqualTo(1);
                double s = Math.min((double) bw / source.width(), (double) bh / source.height());
                assertScaled(source, s, l.resized());
            }
            case FILL -> {
                assertThat(l.canvas()).isEqualTo(new Size(bw, bh));
                assertThat(l.resized()).isEqualTo(new Size(bw, bh));
                assertThat(crop.width() == source.width() || crop.height() == source.height())
                        .as("fill crops one axis only")
                        .isTrue();
                assertThat(Math.abs(2 * crop.x() + crop.width() - source.width()))
                        .as("centred")
                        .isLessThanOrEqualTo(1);
                assertThat(Math.abs(2 * crop.y() + crop.height() - source.height()))
                        .as("centred")
                        .isLessThanOrEqualTo(1);
                double s = Math.max((double) bw / source.width(), (double) bh / source.height());
                assertThat(crop.size())
                        .as("the crop has the box's aspect")
                        .isEqualTo(
                                new Size(Math.max(1, (int) Math.round(bw / s)), Math.max(1, (int) Math.round(bh / s))));
            }
        }
    }

    /** Each side is the exactly scaled side, rounded; at least 1 pixel. */
    private static void assertScaled(Size source, double s, Size out) {
        assertThat(out.width()).isEqualTo(Math.max(1, (int) Math.round(source.width() * s)));
        assertThat(out.height()).isEqualTo(Math.max(1, (int) Math.round(source.height() * s)));
    }

    static Size size(String wxh) {
        String[] p = wxh.trim().split("x");
        return new Size(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
    }

    private static int[] ints(String csv) {
        return Stream.of(csv.trim().split(","))
                .mapToInt(s -> Integer.parseInt(s.trim()))
                .toArray();
    }
}
