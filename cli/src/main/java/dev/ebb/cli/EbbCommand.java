package dev.ebb.cli;

import dev.ebb.cli.aot.AotTrainCommand;
import dev.ebb.cli.bench.ResizeBenchCommand;
import dev.ebb.cli.controller.ControllerCommand;
import dev.ebb.cli.dist.OptionalCommands;
import dev.ebb.cli.local.LocalCommand;
import dev.ebb.cli.policy.PolicyCommand;
import dev.ebb.cli.resize.ResizeCommand;
import dev.ebb.cli.simulate.SimulateCommand;
import dev.ebb.cli.worker.WorkerCommand;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ebb}, the root of picocli's command tree. Apart from {@link Main} so that {@code java} finds
 * {@code main} without loading picocli: the launcher finds {@code main} by reflection, which resolves
 * the signature of every method the main class declares. picocli's classes (Java 5 class files) are
 * not in the AOT cache, so loading one means opening the class path's jars up to picocli's (the
 * 84th of the worker image's 89) and parsing its 72 KB {@code CommandLine}.
 */
@Command(
        name = "ebb",
        mixinStandardHelpOptions = true,
        versionProvider = EbbCommand.Version.class,
        description = "Queue-driven image processing that scales from zero to many Fargate tasks and back.")
public final class EbbCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * {@code ebb worker}, the container's command, parsed by a tree that holds only it: picocli
     * reads every command's annotations when the tree is built, about 80 ms of a 1-vCPU task's
     * start spent on commands the task never runs. The same command, options and help.
     */
    static CommandLine workerCommandLine() {
        return tree(cl -> cl.addSubcommand(new WorkerCommand()));
    }

    /**
     * The configured command tree; tests execute commands through this too. The worker image
     * (dist-worker/) leaves out the modules only other commands need, so those are added only when
     * their classes are on the class path, and otherwise stand in as commands that say so.
     */
    public static CommandLine commandLine() {
        return tree(EbbCommand::everyCommand);
    }

    private static void everyCommand(CommandLine cl) {
        cl.addSubcommand(new CommandLine.HelpCommand());
        cl.addSubcommand(new ResizeCommand());
        cl.addSubcommand(new ResizeBenchCommand());
        OptionalCommands.add(cl, "controller", () -> new ControllerCommand(), OptionalCommands.CONTROLLER);
        OptionalCommands.add(cl, "policy", () -> new PolicyCommand(), OptionalCommands.CONTROLLER);
        cl.addSubcommand(new WorkerCommand());
        OptionalCommands.add(cl, "simulate", () -> new SimulateCommand(), OptionalCommands.SIMULATOR);
        OptionalCommands.add(cl, "local", () -> new LocalCommand(), OptionalCommands.LOCAL);
        // a step of the image build (and of bin/aot-train), not a command to run against AWS: not listed
        OptionalCommands.add(cl, "aot-train", () -> new AotTrainCommand(), OptionalCommands.LOCAL);
        cl.getSubcommands().get("aot-train").getCommandSpec().usageMessage().hidden(true);
    }

    /** {@code ebb} with the given subcommands, each answering -h/--help. */
    private static CommandLine tree(Consumer<CommandLine> subcommands) {
        CommandLine cl = new CommandLine(new EbbCommand());
        subcommands.accept(cl);
        withHelp(cl);
        return cl.setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** Every command and subcommand answers -h/--help (without it picocli called --help an unknown option). */
    private static void withHelp(CommandLine cl) {
        CommandLine.Model.CommandSpec spec = cl.getCommandSpec();
        if (spec.options().stream().noneMatch(CommandLine.Model.OptionSpec::usageHelp)) {
            String[] names = spec.findOption("-h") == null ? new String[] {"-h", "--help"} : new String[] {"--help"};
            spec.addOption(CommandLine.Model.OptionSpec.builder(names)
                    .usageHelp(true)
                    .description("Show this help message and exit.")
                    .build());
        }
        // identity on purpose: picocli's help subcommand refers back to its parent, the same object
        cl.getSubcommands().values().stream()
                .filter(sub -> !isSame(sub, cl))
                .distinct()
                .forEach(EbbCommand::withHelp);
    }

    @SuppressWarnings("ReferenceEquality") // a node of the command tree, not a value
    private static boolean isSame(CommandLine a, CommandLine b) {
        return a == b;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = EbbCommand.class.getPackage().getImplementationVersion();
            return new String[] {"ebb " + (v == null ? "dev" : v) + " (Java " + Runtime.version() + ")"};
        }
    }
}
