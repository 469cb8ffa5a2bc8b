package dev.ebb.cli;

import dev.ebb.worker.WorkerMain;

/**
 * {@code bin/ebb}: one launcher for every Ebb entry point (the container runs {@code ebb worker}).
 * No method here names a picocli type (see {@link EbbCommand}); {@code MainTest} keeps it so.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(
                isPlainWorker(args)
                        ? WorkerMain.run(System.getenv())
                        : args.length > 0 && args[0].equals("worker")
                                ? EbbCommand.workerCommandLine().execute(args)
                                : EbbCommand.commandLine().execute(args));
    }

    /**
     * The container's command exactly, {@code ebb worker}: it takes no option (environment only),
     * so there is nothing for picocli to parse, and building even the one-command tree costs a
     * 1-vCPU task about 90 ms of CPU before its first image (annotations read by reflection, then
     * compiled). {@code ebb worker --help} and mistakes still go through picocli.
     */
    static boolean isPlainWorker(String[] args) {
        return args.length == 1 && args[0].equals("worker");
    }
}
