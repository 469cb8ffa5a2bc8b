package dev.ebb.local.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The inputs of a run: every regular file under a folder, keyed by its path relative to the folder
 * with {@code /} separators — exactly the S3 key {@code ebb resize} uses, so both commands lay out
 * their outputs the same way.
 */
public final class InputFiles {

    public record Input(String key, Path file, long size) {}

    private InputFiles() {}

    public static List<Input> under(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .sorted()
                    .map(f -> new Input(key(folder, f), f, size(f)))
                    .toList();
        }
    }

    static String key(Path folder, Path file) {
        return folder.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            return 0;
        }
    }
}
