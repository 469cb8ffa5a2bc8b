package dev.ebb.image.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.image.testing.Images;
import dev.ebb.image.testing.Png;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SourceFormatTest {

    @Test
    void sniffsWhatImageIoWrites() {
        var img = Images.quadrants(30, 20);
        assertThat(SourceFormat.sniff(Images.jpeg(img))).contains(SourceFormat.JPEG);
        assertThat(SourceFormat.sniff(Images.png(img))).contains(SourceFormat.PNG);
        assertThat(SourceFormat.sniff(Images.encode(img, "gif"))).contains(SourceFormat.GIF);
        assertThat(SourceFormat.sniff(Images.bmp(img))).contains(SourceFormat.BMP);
        assertThat(SourceFormat.sniff(Png.headerOnly(1, 1))).contains(SourceFormat.PNG);
    }

    /** {@code hex:...} is bytes, anything else ASCII text; the rest of the file is zeros. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        hex:ffd8ff                             | jpeg
        hex:ffd8                               | -
        hex:89504e470d0a1a0a                   | png
        hex:89504e470d0a1a                     | -
        GIF87a                                 | gif
        GIF89a                                 | gif
        GIF88a                                 | -
        RIFF0000WEBP                           | webp
        RIFF0000WAVE                           | -
        hex:424d000000000000000000000000280000 | bmp
        hex:424d0000000000000000000000007c0000 | bmp
        hex:424d0000000000000000000000000c0000 | bmp
        BM is also how text can start         | -
        hex:424d000000000000000000000000290000 | -
        """)
    void sniffsMagicBytesOnly(String start, String format) {
        Optional<SourceFormat> sniffed = SourceFormat.sniff(padded(start));
        assertThat(sniffed.map(SourceFormat::id).orElse(null)).isEqualTo(format);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        hex:49492a00                   | TIFF
        hex:4d4d002a                   | TIFF
        hex:00000018667479706865696300 | HEIC
        hex:00000018667479706d69663100 | HEIC
        hex:0000001c6674797061766966   | AVIF
        %PDF-1.7                       | PDF
        <svg xmlns=                    | SVG/XML
        <?xml version=                 | SVG/XML
        hello                          | -
        """)
    void namesWellKnownFormatsItDoesNotRead(String start, String name) {
        byte[] b = padded(start);
        assertThat(SourceFormat.sniff(b)).isEmpty();
        assertThat(SourceFormat.describeUnsupported(b)).isEqualTo(name);
    }

    private static byte[] padded(String start) {
        byte[] head = start.startsWith("hex:")
                ? HexFormat.of().parseHex(start.substring(4))
                : start.getBytes(StandardCharsets.US_ASCII);
        byte[] b = new byte[64];
        System.arraycopy(head, 0, b, 0, head.length);
        return b;
    }
}
