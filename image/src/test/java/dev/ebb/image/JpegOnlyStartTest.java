package dev.ebb.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ebb.image.spec.OutputSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A worker that only sees JPEGs never sets up ImageIO: libturbojpeg decodes and encodes them, and
 * ImageIO's first call scans the class path for plugins (about 40 ms of CPU on one vCPU, at start).
 * Class initialisation is per JVM, so this runs the engine's start in a JVM of its own and reads the
 * JVM's class-initialisation log.
 */
class JpegOnlyStartTest {

    /** What a worker's start does with the engine: build it, then the warm-up render of a JPEG. */
    public static final class Start {
        public static void main(String[] args) {
            ImageEngine engine = ImageEngine.create(Limits.DEFAULT);
            System.out.println("decoder " + engine.jpegDecoder());
            System.out.println("warmed " + engine.warmUp(List.of(OutputSpec.fit(224, 224))));
        }
    }

    @Test
    void buildingAndWarmingTheEngineLeavesImageIoAlone() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(
                        java,
                        "--enable-native-access=ALL-UNNAMED",
                        "-Xlog:class+init=info:stdout",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Start.class.getName())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assumeTrue(out.contains("decoder turbojpeg"), "libturbojpeg is not installed: JPEGs go through ImageIO");

        assertThat(out).contains("warmed true");
        // the engine holds an ImageIO decoder for the other formats, and the log shows its class set up
        assertThat(out).contains("Initializing 'dev/ebb/image/decode/ImageIoDecoder'");
        assertThat(out).doesNotContain("Initializing 'dev/ebb/image/decode/ImageIoDecoder$Setup'");
        assertThat(out).doesNotContain("Initializing 'javax/imageio/ImageIO'");
    }
}
