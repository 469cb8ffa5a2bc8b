package dev.ebb.cli.dist;

import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * The commands a distribution of Ebb may leave out. {@code bin/ebb} carries every module; the
 * worker image (dist-worker/) carries only what {@code ebb worker} needs, without the emulators
 * {@code ebb local} runs on, the controller or the simulator.
 */
public final class OptionalCommands {

    /** What {@code ebb controller} and {@code ebb policy} run on. */
    public static final List<String> CONTROLLER = List.of("dev.ebb.controller.Controller");
    /** What {@code ebb simulate} runs on: the simulator calls the controller's reconciler. */
    public static final List<String> SIMULATOR =
            List.of("dev.ebb.simulator.Simulator", "dev.ebb.controller.Controller");
    /** What {@code ebb local} runs on: the pipeline, its emulators and the controller's cycle. */
    public static final List<String> LOCAL =
            List.of("dev.ebb.local.LocalPipeline", "dev.ebb.emulators.EmbeddedSqs", "dev.ebb.controller.Controller");

    private OptionalCommands() {}

    /**
     * Adds {@code command} as {@code name} when every class in {@code requires} is on the class
     * path, otherwise a stand-in that says the command is not in this distribution. The supplier
     * keeps the command's class, whose code refers to those modules, unloaded until then.
     */
    public static void add(CommandLine parent, String name, Supplier<Object> command, List<String> requires) {
        if (carries(requires)) {
            parent.addSubcommand(name, command.get());
        } else {
            CommandLine standIn = new CommandLine(new NotInThisDistribution());
            standIn.getCommandSpec()
                    .usageMessage()
                    .description(
                            "Not in this distribution (the worker image carries only `ebb worker`); bin/ebb in a checkout has it.");
            parent.addSubcommand(name, standIn);
        }
    }

    /** Whether {@code command} stands in for a command this distribution leaves out. */
    public static boolean leftOut(CommandLine command) {
        return command.getCommand() instanceof NotInThisDistribution;
    }

    private static boolean carries(List<String> classNames) {
        for (String name : classNames) {
            try {
                Class.forName(name, false, OptionalCommands.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                return false;
            }
        }
        return true;
    }
}
