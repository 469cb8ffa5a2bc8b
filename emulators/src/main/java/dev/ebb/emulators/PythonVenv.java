package dev.ebb.emulators;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A virtualenv with pinned PyPI packages, installed by the tests themselves (moto, the Prometheus
 * client's text parser), so that nothing has to be installed by hand. Lives under
 * {@code ~/.cache/ebb/<name>} and is created once per machine: a marker file records the
 * requirements it was made with, and a file lock keeps parallel builds from racing. {@code python3
 * -m venv} makes it ({@code EBB_PYTHON} overrides the interpreter).
 */
public final class PythonVenv {

    private final Path dir;

    private PythonVenv(Path dir) {
        this.dir = dir;
    }

    /**
     * @param location the virtualenv's folder
     * @param requirements pip requirement specifiers, each pinned
     */
    // "try": the lock is never referenced, it is held: for the try's scope, so two JVMs never build one venv at once
    @SuppressWarnings("try")
    public static PythonVenv ensure(Path location, List<String> requirements) throws Exception {
        Path marker = location.resolve(".ebb-installed");
        String wanted = String.join("\n", requirements);
        Files.createDirectories(location.getParent());
        try (FileChannel lockFile = FileChannel.open(
                        location.resolveSibling(location.getFileName() + ".lock"),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                FileLock lock = lockFile.lock()) {
            if (Files.exists(marker) && Files.readString(marker).equals(wanted)) {
                return new PythonVenv(location);
            }
            String python = System.getenv().getOrDefault("EBB_PYTHON", "python3");
            run(
                    List.of(python, "-m", "venv", "--clear", location.toString()),
                    "creating a virtualenv needs Python 3 with venv (Debian: apt-get install python3-venv; bin/test does it as root)");
            List<String> pip = new ArrayList<>(List.of(
                    location.resolve("bin/python").toString(),
                    "-m",
                    "pip",
                    "install",
                    "--quiet",
                    "--disable-pip-version-check"));
            pip.addAll(requirements);
            run(pip, "installing " + requirements + " from PyPI");
            Files.writeString(marker, wanted);
            return new PythonVenv(location);
        }
    }

    /** {@code ~/.cache/ebb/<name>}, unless the system property {@code property} names another folder. */
    public static Path defaultLocation(String name, String property) {
        return Path.of(System.getProperty(property, System.getProperty("user.home") + "/.cache/ebb/" + name));
    }

    public Path dir() {
        return dir;
    }

    public Path python() {
        return dir.resolve("bin/python");
    }

    private static void run(List<String> command, String what) throws Exception {
        Path log = Files.createTempFile("ebb-venv-install", ".log");
        try {
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException(
                        what + " failed: " + String.join(" ", command) + "\n" + Files.readString(log));
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
