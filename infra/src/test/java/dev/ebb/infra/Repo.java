package dev.ebb.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files of this repository, found from the {@code ebb.root} system property the pom sets. */
final class Repo {

    private Repo() {}

    static Path root() {
        return Path.of(System.getProperty("ebb.root", "..")).toAbsolutePath().normalize();
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
