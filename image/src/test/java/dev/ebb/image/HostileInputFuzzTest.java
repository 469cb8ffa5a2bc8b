package dev.ebb.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.image.spec.OutputFormat;
import dev.ebb.image.spec.OutputSpec;
import dev.ebb.image.spec.ResizeMode;
import dev.ebb.image.testing.Exif;
import dev.ebb.image.testing.Images;
import java.awt.image.BufferedImage;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Nothing throws out of {@code render}: damaged variants of valid files (fixed seeds) come back as
 * {@link Outcome.Rendered} or {@link Outcome.Rejected}. Tight limits keep every case small, so the
 * suite stays fast whatever a mutation makes the header claim.
 */
class HostileInputFuzzTest {

    private static final int CASES = 300;
    private static final Limits SMALL = new Limits(1 << 20, 4_000_000, 4096);
    private static final List<OutputSpec> SPECS = List.of(
            OutputSpec.fit(64, 64),
            OutputSpec.fit(48, 48).withMode(ResizeMode.FILL),
            OutputSpec.fit(40, 30).withMode(ResizeMode.PAD).withFormat(OutputFormat.PNG));

    @ParameterizedTest(name = "{0} on {1}, seed {2}")
    @CsvSource({
        "jpeg,        turbojpeg, 1",
        "jpeg,        imageio,   2",
        "progressive, turbojpeg, 3",
        "progressive, imageio,   4",
        "png,         turbojpeg, 5",
        "png,         imageio,   6",
        "gif,         imageio,   7",
    })
    void mutatedFilesNeverThrow(String kind, String path, long seed) {
        byte[] valid = switch (kind) {
            case "jpeg" -> Exif.withOrientation(Images.jpeg(Images.quadrants(160, 120)), 6, ByteOrder.BIG_ENDIAN);
            case "progressive" -> Images.jpeg(Images.gradient(160, 120), 80, true);
            case "png" -> Images.png(Images.quadrants(160, 120, BufferedImage.TYPE_INT_ARGB));
            default -> Images.encode(Images.quadrants(160, 120), "gif");
        };
        ImageEngine engine = path.equals("turbojpeg") ? ImageEngine.create(SMALL) : ImageEngine.withImageIo(SMALL);
        assertThat(engine.render(valid, SPECS)).as("the unmutated file").isInstanceOf(Outcome.Rendered.class);

        Random random = new Random(seed);
        Map<FailureReason, Integer> rejected = new EnumMap<>(FailureReason.class);
        int rendered = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] bytes = mutate(valid, random);
            Outcome outcome;
            try {
                outcome = engine.render(bytes, SPECS);
            } catch (RuntimeException | Error e) {
                throw new AssertionError("case " + i + " (seed " + seed + ", " + bytes.length + " bytes) threw", e);
            }
            if (i % 10 == 9) {
                assertThat(engine.render(valid, SPECS))
                        .as("a valid file after case %d", i)
                        .isInstanceOf(Outcome.Rendered.class);
            }
            switch (outcome) {
                case Outcome.Rendered r -> {
                    rendered++;
                    assertThat(r.outputs()).hasSize(SPECS.size());
                    r.outputs().forEach(o -> assertThat(o.bytes()).isNotEmpty());
                }
                case Outcome.Rejected r -> {
                    assertThat(r.rejection().message()).isNotBlank();
                    rejected.merge(r.rejection().reason(), 1, Integer::sum);
                }
            }
        }
        assertThat(engine.render(valid, SPECS))
                .as("the engine still works after all that")
                .isInstanceOf(Outcome.Rendered.class);
        assertThat(rendered
                        + rejected.values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(CASES);
        assertThat(rejected).as("damage is noticed").containsKey(FailureReason.CORRUPT);
    }

    /** One of: flipped bytes, bytes overwritten in the headers, a truncation, a cut-out, or random junk spliced in. */
    private static byte[] mutate(byte[] valid, Random random) {
        byte[] b = valid.clone();
        switch (random.nextInt(5)) {
            case 0 -> {
                for (int n = 1 + random.nextInt(16); n > 0; n--) {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> {
                int headers = Math.min(b.length, 400);
                for (int n = 1 + random.nextInt(4); n > 0; n--) {
                    b[2 + random.nextInt(headers - 2)] = (byte) random.nextInt(256);
                }
            }
            case 2 -> b = Arrays.copyOf(b, 1 + random.nextInt(b.length - 1));
            case 3 -> {
                int from = random.nextInt(b.length);
                int len = Math.min(b.length - from, 1 + random.nextInt(64));
                byte[] cut = new byte[b.length - len];
                System.arraycopy(b, 0, cut, 0, from);
                System.arraycopy(b, from + len, cut, from, b.length - from - len);
                b = cut;
            }
            default -> {
                int at = random.nextInt(b.length);
                byte[] junk = new byte[1 + random.nextInt(64)];
                random.nextBytes(junk);
                byte[] spliced = new byte[b.length + junk.length];
                System.arraycopy(b, 0, spliced, 0, at);
                System.arraycopy(junk, 0, spliced, at, junk.length);
                System.arraycopy(b, at, spliced, at + junk.length, b.length - at);
                b = spliced;
            }
        }
        return b;
    }
}
