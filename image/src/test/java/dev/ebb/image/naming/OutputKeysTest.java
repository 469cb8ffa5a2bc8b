package dev.ebb.image.naming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebb.image.spec.OutputFormat;
import dev.ebb.image.spec.OutputSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class OutputKeysTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        # source key                     | jpeg output                        | png output
        x.jpg                            | x.jpg                              | x.jpg.png
        x.JPG                            | x.JPG                              | x.JPG.png
        x.jpeg                           | x.jpeg                             | x.jpeg.png
        x.Jpe                            | x.Jpe                              | x.Jpe.png
        x.png                            | x.png.jpg                          | x.png
        x.PNG                            | x.PNG.jpg                          | x.PNG
        x.png.jpg                        | x.png.jpg~.jpg                     | x.png.jpg.png
        x.jpg.png                        | x.jpg.png.jpg                      | x.jpg.png~.png
        x.webp                           | x.webp.jpg                         | x.webp.png
        x                                | x~.jpg                             | x~.png
        x~.jpg                           | x~~.jpg~.jpg                       | x~~.jpg~.png
        ~                                | ~~~.jpg                            | ~~~.png
        .hidden                          | .hidden~.jpg                       | .hidden~.png
        .jpg                             | .jpg~.jpg                          | .jpg~.png
        x.                               | x.~.jpg                            | x.~.png
        a..jpg                           | a..jpg                             | a..jpg.png
        a/x.jpg                          | a/x.jpg                            | a/x.jpg.png
        b/x.jpg                          | b/x.jpg                            | b/x.jpg.png
        2024/06/01/IMG_0001.jpeg         | 2024/06/01/IMG_0001.jpeg           | 2024/06/01/IMG_0001.jpeg.png
        a.b/x                            | a.b/x~.jpg                         | a.b/x~.png
        a~b/x.jpg                        | a~b/x.jpg                          | a~b/x.jpg.png
        my photos/summer day.jpg         | my photos/summer day.jpg           | my photos/summer day.jpg.png
        " lead and trail .jpg"           | " lead and trail .jpg"             | " lead and trail .jpg.png"
        a+b/c+d.jpg                      | a+b/c+d.jpg                        | a+b/c+d.jpg.png
        100%/50%25 off.jpg               | 100%/50%25 off.jpg                 | 100%/50%25 off.jpg.png
        fotos/über café.JPG              | fotos/über café.JPG                | fotos/über café.JPG.png
        写真/猫.png                       | 写真/猫.png.jpg                     | 写真/猫.png
        emoji/😀.heic                    | emoji/😀.heic.jpg                  | emoji/😀.heic.png
        //double//slash.jpg              | //double//slash.jpg                | //double//slash.jpg.png
        """)
    void mapsTheLastSegment(String source, String jpeg, String png) {
        assertThat(OutputKeys.relative(source, OutputFormat.JPEG)).isEqualTo(jpeg);
        assertThat(OutputKeys.relative(source, OutputFormat.PNG)).isEqualTo(png);
    }

    @Test
    void layoutIsPrefixBoxAndMappedKey() {
        assertThat(OutputKeys.of("thumbs/", "a/x.jpg", OutputSpec.fit(224, 224)))
                .isEqualTo("thumbs/224x224/a/x.jpg");
        assertThat(OutputKeys.of("", "a/x.png", OutputSpec.fit(299, 299))).isEqualTo("299x299/a/x.png.jpg");
        assertThat(OutputKeys.of("", "a/x.png", OutputSpec.fit(64, 32).withFormat(OutputFormat.PNG)))
                .isEqualTo("64x32/a/x.png");
    }

    @Test
    void theOriginalWorkersCollisionIsGone() {
        assertThat(OutputKeys.of("", "a/x.jpg", OutputSpec.fit(224, 224)))
                .isNotEqualTo(OutputKeys.of("", "b/x.jpg", OutputSpec.fit(224, 224)));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(OutputFormat.class)
    void namesThatLookAlikeStayApart(OutputFormat format) {
        List<String> alike = List.of(
                "x.jpg",
                "x.JPG",
                "x.jpeg",
                "x.Jpeg",
                "x.png",
                "x.PNG",
                "x.png.jpg",
                "x.jpg.png",
                "x",
                "x~",
                "x~.jpg",
                "x~.png",
                "x.jpg~.jpg",
                "x.png~.png",
                ".hidden",
                ".hidden~.jpg",
                "x.",
                "x..jpg");
        Map<String, String> seen = new HashMap<>();
        for (String key : alike) {
            String out = OutputKeys.relative(key, format);
            assertThat(seen.put(out, key))
                    .as("%s and %s both map to %s", seen.get(out), key, out)
                    .isNull();
        }
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "/", "a/", "a/b/", "photos/2024/"})
    void folderMarkersAreRejected(String key) {
        assertThatThrownBy(() -> OutputKeys.relative(key, OutputFormat.JPEG))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("folder");
    }

    /**
     * Property: over many generated tricky names the mapping is injective, deterministic, keeps the
     * folders, and always ends in an extension of the format.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(OutputFormat.class)
    void injectiveOverGeneratedNames(OutputFormat format) {
        List<String> keys = generatedKeys();
        Map<String, String> seen = new HashMap<>(keys.size() * 2);
        for (String key : keys) {
            String out;
            try {
                out = OutputKeys.relative(key, format);
            } catch (IllegalArgumentException folder) {
                assertThat(key).as("only folder markers are rejected").matches("(?s)|.*/");
                continue;
            }
            String previous = seen.putIfAbsent(out, key);
            if (previous != null && !previous.equals(key)) {
                throw new AssertionError("'" + previous + "' and '" + key + "' both map to '" + out + "'");
            }
            assertThat(OutputKeys.relative(key, format)).isEqualTo(out);
            String dir = key.substring(0, key.lastIndexOf('/') + 1);
            assertThat(out).startsWith(dir);
            assertThat(out.substring(dir.length())).doesNotContain("/");
            String lower = out.toLowerCase(Locale.ROOT);
            assertThat(
                            format == OutputFormat.JPEG
                                    ? lower.endsWith(".jpg") || lower.endsWith(".jpeg") || lower.endsWith(".jpe")
                                    : lower.endsWith(".png"))
                    .as("%s -> %s has the format's extension", key, out)
                    .isTrue();
        }
        assertThat(seen).hasSizeGreaterThan(50_000);
    }

    /** Every sequence of up to 4 tricky tokens, plus random longer ones (fixed seed). */
    private static List<String> generatedKeys() {
        String[] tokens = {
            "x", ".", "~", "jpg", "JPG", "jpeg", "jpe", "png", "PNG", "/", " ", "+", "%2F", "é", "e\u0301"
        };
        List<String> keys = new ArrayList<>();
        List<String> level = List.of("");
        for (int len = 1; len <= 4; len++) {
            List<String> next = new ArrayList<>(level.size() * tokens.length);
            for (String prefix : level) {
                for (String t : tokens) {
                    next.add(prefix + t);
                }
            }
            keys.addAll(next);
            level = next;
        }
        Random random = new Random(20240601L);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = 5 + random.nextInt(6); n > 0; n--) {
                b.append(tokens[random.nextInt(tokens.length)]);
            }
            keys.add(b.toString());
        }
        return keys;
    }
}
