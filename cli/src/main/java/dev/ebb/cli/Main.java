package dev.ebb.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/ebb}: one launcher for every Ebb entry point (the container runs {@code ebb worker}). */
@Command(
        name = "ebb",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Queue-driven image processing that scales from zero to many Fargate tasks and back.",
        subcommands = {
            CommandLine.HelpCommand.class,
            dev.ebb.cli.resize.ResizeCommand.class,
            dev.ebb.cli.bench.ResizeBenchCommand.class,
            dev.ebb.cli.controller.ControllerCommand.class,
            dev.ebb.cli.policy.PolicyCommand.class,
            dev.ebb.cli.worker.WorkerCommand.class,
            dev.ebb.cli.simulate.SimulateCommand.class,
            dev.ebb.cli.local.LocalCommand.class,
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command tree; tests execute commands through this too. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"ebb " + (v == null ? "dev" : v) + " (Java " + Runtime.version() + ")"};
        }
    }
}
