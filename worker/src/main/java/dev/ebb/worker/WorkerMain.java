package dev.ebb.worker;

import dev.ebb.worker.config.ConfigException;
import dev.ebb.worker.config.ConfigReader;
import dev.ebb.worker.config.WorkerConfig;
import dev.ebb.worker.lifecycle.ExitCodes;
import dev.ebb.worker.lifecycle.StartupException;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code ebb worker}: reads the environment, runs the worker until the queue is empty or SIGTERM
 * arrives, and returns the exit code (see {@link ExitCodes}).
 */
public final class WorkerMain {

    private static final String NETTY_JFR = "io.netty.jfr.enabled";

    private WorkerMain() {}

    public static void main(String[] args) {
        System.exit(run(System.getenv()));
    }

    public static int run(Map<String, String> env) {
        return run(env, System.out, System.err);
    }

    /**
     * Netty 4.2's allocator registers its JFR event types with the flight recorder on its first
     * buffer, which initialises JFR's metadata: about 35 ms of CPU in the first request of a 1-vCPU
     * task, for events only a JFR recording would read. Off unless the operator asked for them
     * ({@code -Dio.netty.jfr.enabled=true}); set before Vert.x loads Netty.
     */
    static void withoutNettyFlightRecorderEvents() {
        if (System.getProperty(NETTY_JFR) == null) {
            System.setProperty(NETTY_JFR, "false");
        }
    }

    static int run(Map<String, String> env, PrintStream out, PrintStream err) {
        withoutNettyFlightRecorderEvents();
        WorkerConfig config;
        try {
            config = ConfigReader.read(env);
        } catch (ConfigException e) {
            err.println("ebb worker: invalid configuration:");
            e.problems().forEach(p -> err.println("  " + p));
            return ExitCodes.CONFIG;
        }
        // The hook goes in before the runtime starts: the worker logs "start" from inside start(),
        // and a SIGTERM right after that line must already find a hook that drains.
        CompletableFuture<WorkerRuntime> started = new CompletableFuture<>();
        long graceMillis = config.lifetime().gracePeriod().toMillis();
        Thread onSigterm = new Thread(
                () -> {
                    // The JVM is shutting down (SIGTERM): drain, then leave with our own exit code.
                    WorkerRuntime running;
                    try {
                        running = started.get(graceMillis, TimeUnit.MILLISECONDS);
                    } catch (Exception notStarted) {
                        err.flush();
                        Runtime.getRuntime().halt(ExitCodes.STARTUP); // stopped before it could start: nothing received
                        return;
                    }
                    running.stop("SIGTERM");
                    int code = ExitCodes.FAILED;
                    try {
                        code = running.exit().get(graceMillis + 15_000, TimeUnit.MILLISECONDS);
                    } catch (Exception e) {
                        err.println("ebb worker: did not stop cleanly: " + e);
                    }
                    running.close();
                    out.flush();
                    err.flush();
                    Runtime.getRuntime().halt(code);
                },
                "ebb-sigterm");
        Runtime.getRuntime().addShutdownHook(onSigterm);
        WorkerRuntime runtime;
        try {
            runtime = WorkerRuntime.start(config, out, err);
        } catch (StartupException e) {
            started.completeExceptionally(e);
            err.println("ebb worker: " + e.getMessage());
            removeHook(onSigterm);
            return e.exitCode();
        } catch (RuntimeException e) {
            started.completeExceptionally(e);
            removeHook(onSigterm);
            throw e;
        }
        started.complete(runtime);
        int code;
        try {
            code = runtime.exit().join();
        } catch (RuntimeException e) {
            err.println("ebb worker: " + e);
            code = ExitCodes.FAILED;
        }
        runtime.exitDetail().ifPresent(detail -> err.println("ebb worker: stopped, nothing dead-lettered: " + detail));
        if (!removeHook(onSigterm)) {
            return code; // the hook owns the exit now
        }
        runtime.close();
        return code;
    }

    /** False when the JVM is already shutting down, i.e. the hook is running and owns the exit. */
    private static boolean removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            return true;
        } catch (IllegalStateException shuttingDown) {
            return false;
        }
    }
}
