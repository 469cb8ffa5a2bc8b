package dev.ebb.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ebb local} as a user runs it: {@code java -jar target/ebb-cli.jar local …} in its own
 * process, with its own temporary folder, stdout and stderr in files.
 */
final class LocalRun implements AutoCloseable {

    /** Every run a test started, for {@link #closeAll()}. */
    private static final List<LocalRun> STARTED = new java.util.concurrent.CopyOnWriteArrayList<>();

    static void closeAll() {
        STARTED.forEach(LocalRun::close);
        STARTED.clear();
    }

    private static final Pattern PROCESSED = Pattern.compile("processed (\\d+)/");

    final Process process;
    final Path stdout;
    final Path stderr;
    final Path tmp;
    final Path report;

    private LocalRun(Process process, Path stdout, Path stderr, Path tmp, Path report) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.tmp = tmp;
        this.report = report;
    }

    /** @param dir holds the run's tmp folder, logs and report */
    static LocalRun start(Path dir, String... args) throws IOException {
        Path jar = Path.of("target", "ebb-cli.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: the ITs run after `package`");
        }
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path report = dir.resolve("report.json");
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-XX:+UseSerialGC",
                "-Xmx256m",
                "-Djava.io.tmpdir=" + tmp,
                "-jar",
                jar.toString(),
                "local",
                "--report",
                report.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("EBB_") || k.startsWith("AWS_"));
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        LocalRun run = new LocalRun(pb.start(), out, err, tmp, report);
        STARTED.add(run);
        return run;
    }

    int awaitExit() throws Exception {
        if (!process.waitFor(8, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("ebb local did not finish; stderr:\n" + text(stderr));
        }
        System.out.println("---- ebb local stderr\n" + text(stderr) + "---- stdout\n" + text(stdout));
        return process.exitValue();
    }

    /** The worker processes alive now: children running {@code … worker}. */
    List<ProcessHandle> workers() {
        return process.children()
                .filter(p -> p.info()
                        .arguments()
                        .map(a -> a.length > 0 && a[a.length - 1].equals("worker"))
                        .orElse(false))
                .toList();
    }

    /** The highest "processed N/" figure on the plain status lines so far. */
    int processedSoFar() throws IOException {
        Matcher m = PROCESSED.matcher(text(stderr));
        int max = 0;
        while (m.find()) {
            max = Math.max(max, Integer.parseInt(m.group(1)));
        }
        return max;
    }

    /** A failed test must not leave a run behind: SIGKILL to it and its workers. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    JsonNode report() throws IOException {
        return new ObjectMapper().readTree(report.toFile());
    }

    static String text(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p) : "";
    }
}
