package dev.ebb.local.platform;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a task is started: a new JVM running {@code ebb worker} — the container's entry point — with
 * the environment an ECS task definition would give it, pointed at the emulators.
 *
 * @param command the full command line, e.g. {@code java … -cp ebb-cli.jar dev.ebb.cli.Main worker}
 * @param environment the worker's EBB_* and AWS_* variables; the rest of this process's environment
 *     is inherited except any other EBB_* or AWS_* variable (a developer's real credentials stay out)
 * @param logs where each task's stdout (its JSON lines) and stderr are kept
 */
public record WorkerLauncher(List<String> command, Map<String, String> environment, Path logs) {

    public WorkerLauncher {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }

    /**
     * This JVM's java binary and class path running {@code mainClass args…}, with the flags
     * {@code bin/ebb} and the container use.
     */
    public static List<String> sameJvm(String mainClass, String... args) {
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // C1 only, as in the container: a worker's life is too short for C2 to pay for its compiling. And compiling
        // after a tenth of the usual calls: the container's JVM learns what to compile early from its AOT cache's
        // training data, and these workers have no cache, so the per-image code would otherwise be interpreted for
        // their first hundred images or so.
        // Out of memory: exit (3) rather than limp on, and the JVM's own message goes to stderr, not the JSON on
        // stdout.
        List<String> cmd = new ArrayList<>(List.of(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-XX:+UseSerialGC",
                "-Xss512k",
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-XX:CompileThresholdScaling=0.1",
                "-XX:+ExitOnOutOfMemoryError",
                "-XX:+DisplayVMOutputToStderr",
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
        cmd.addAll(List.of(args));
        return cmd;
    }

    Process start(String taskId) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("EBB_") || k.startsWith("AWS_"));
        env.putAll(environment);
        env.put("EBB_TASK_ID", taskId);
        pb.redirectError(logs.resolve(taskId + ".err").toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        return pb.start();
    }

    private static File nullDevice() {
        return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
