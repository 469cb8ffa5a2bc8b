package dev.ebb.worker;

import dev.ebb.worker.config.ConfigException;
import dev.ebb.worker.config.ConfigReader;
import dev.ebb.worker.config.WorkerConfig;
import dev.ebb.worker.lifecycle.ExitCodes;
import dev.ebb.worker.lifecycle.StartupException;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ebb worker}: reads the environment, runs the worker until the queue is empty or SIGTERM
 * arrives, and returns the exit code (see {@link ExitCodes}).
 */
public final class WorkerMain {

    private WorkerMain() {}

    public static void main(String[] args) {
        System.exit(run(System.getenv()));
    }

    public static int run(Map<String, String> env) {
        return run(env, System.out, System.err);
    }

    static int run(Map<String, String> env, PrintStream out, PrintStream err) {
        WorkerConfig config;
        try {
            config = ConfigReader.read(env);
        } catch (ConfigException e) {
            err.println("ebb worker: invalid configuration:");
            e.problems().forEach(p -> err.println("  " + p));
            return ExitCodes.CONFIG;
        }
        WorkerRuntime runtime;
        try {
            runtime = WorkerRuntime.start(config, out);
        } catch (StartupException e) {
            err.println("ebb worker: " + e.getMessage());
            return ExitCodes.STARTUP;
        }
        long graceMillis = config.gracePeriod().toMillis();
        Thread onSigterm = new Thread(() -> {
            // The JVM is shutting down (SIGTERM): drain, then leave with our own exit code.
            runtime.stop("SIGTERM");
            int code = ExitCodes.FAILED;
            try {
                code = runtime.exit().get(graceMillis + 15_000, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                err.println("ebb worker: did not stop cleanly: " + e);
            }
            runtime.close();
            out.flush();
            err.flush();
            Runtime.getRuntime().halt(code);
        }, "ebb-sigterm");
        Runtime.getRuntime().addShutdownHook(onSigterm);
        int code;
        try {
            code = runtime.exit().join();
        } catch (RuntimeException e) {
            err.println("ebb worker: " + e);
            code = ExitCodes.FAILED;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(onSigterm);
        } catch (IllegalStateException shuttingDown) {
            return code; // the hook owns the exit now
        }
        runtime.close();
        return code;
    }
}
