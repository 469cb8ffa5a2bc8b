package dev.ebb.cli.policy;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ebb policy}: the scaling policy file. */
@Command(name = "policy", description = "The scaling policy (config/scaling-policy.yaml).",
        subcommands = PolicyCommand.Check.class)
public final class PolicyCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "check", description = {
        "Validate a ScalingPolicy file with the controller's own rules.",
        "Prints every error as FILE:LINE:COLUMN: KEY: what is allowed; exit 0 if valid, 2 if not."})
    static final class Check implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The policy file, e.g. config/scaling-policy.yaml.")
        Path file;

        @Override
        public Integer call() {
            return dev.ebb.controller.Controller.checkPolicy(file,
                    new java.io.PrintStream(System.out, true), new java.io.PrintStream(System.err, true));
        }
    }
}
