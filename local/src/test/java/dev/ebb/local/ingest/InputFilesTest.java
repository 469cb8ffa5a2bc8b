package dev.ebb.local.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {

    @Test
    void keysAreRelativePathsWithSlashesInOrder(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("b/c"));
        Files.write(dir.resolve("b/c/x y.jpg"), new byte[3]);
        Files.write(dir.resolve("a.png"), new byte[0]);
        Files.createDirectories(dir.resolve("empty-folder"));

        assertThat(InputFiles.under(dir))
                .extracting(InputFiles.Input::key, InputFiles.Input::size)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a.png", 0L),
                        org.assertj.core.groups.Tuple.tuple("b/c/x y.jpg", 3L));
    }
}
