package dev.ebb.cli.resize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ebb.cli.EbbCommand;
import dev.ebb.cli.samples.SampleImages;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ResizeCommandTest {

    @TempDir
    Path tmp;

    @Test
    void resizesATreeAndReportsEveryInputWithAReason() throws Exception {
        Path in = tmp.resolve("in");
        SampleImages.write(in, 6, 7);
        Files.write(in.resolve("empty.jpg"), new byte[0]);
        Files.writeString(in.resolve("notes.jpg"), "not a picture");
        byte[] good = Files.readAllBytes(in.resolve("batch-0/photo-0000.jpg"));
        Files.write(in.resolve("batch-0/truncated.jpg"), java.util.Arrays.copyOf(good, good.length / 3));
        Files.createDirectories(in.resolve("a")); // same base name in two folders must not collide
        Files.createDirectories(in.resolve("b"));
        Files.copy(in.resolve("batch-1/photo-0001.jpg"), in.resolve("a/x.jpg"));
        Files.copy(in.resolve("batch-2/photo-0002.jpg"), in.resolve("b/x.jpg"));
        Path out = tmp.resolve("out");
        Path report = tmp.resolve("report.json");

        int exit = run(
                "resize",
                "--input",
                in.toString(),
                "--output",
                out.toString(),
                "--sizes",
                "224x224,299x299",
                "--threads",
                "2",
                "--report",
                report.toString());

        assertThat(exit).isZero();
        JsonNode doc = new ObjectMapper().readTree(report.toFile());
        assertThat(doc.at("/totals/inputs").asInt()).isEqualTo(11);
        assertThat(doc.at("/totals/processed").asInt()).isEqualTo(8);
        assertThat(doc.at("/totals/unaccounted").asInt()).isZero();
        Map<String, String> reasons = new HashMap<>();
        for (JsonNode e : doc.get("inputs")) {
            reasons.put(
                    e.get("key").asText(),
                    e.get("reason").isNull() ? "processed" : e.get("reason").asText());
            for (JsonNode o : e.get("outputs")) {
                BufferedImage img =
                        ImageIO.read(out.resolve(o.get("key").asText()).toFile());
                assertThat(img.getWidth()).isEqualTo(o.get("width").asInt());
                assertThat(img.getHeight()).isEqualTo(o.get("height").asInt());
                assertThat(Math.max(img.getWidth(), img.getHeight())).isIn(224, 299);
            }
        }
        assertThat(reasons)
                .containsEntry("empty.jpg", "empty")
                .containsEntry("notes.jpg", "unsupported_format")
                .containsEntry("batch-0/truncated.jpg", "corrupt")
                .containsEntry("a/x.jpg", "processed")
                .containsEntry("b/x.jpg", "processed");
        assertThat(out.resolve("224x224/a/x.jpg")).exists();
        assertThat(out.resolve("224x224/b/x.jpg")).exists();
        assertThat(Files.mismatch(out.resolve("224x224/a/x.jpg"), out.resolve("224x224/b/x.jpg")))
                .isNotEqualTo(-1);
    }

    @Test
    void rejectsABadSizeListWithAUsageError() {
        int exit = run(
                "resize",
                "--input",
                tmp.toString(),
                "--output",
                tmp.resolve("o").toString(),
                "--sizes",
                "224by224");
        assertThat(exit).isEqualTo(2);
    }

    private static int run(String... args) {
        CommandLine cl = EbbCommand.commandLine();
        cl.setErr(new PrintWriter(new StringWriter()));
        return cl.execute(args);
    }
}
