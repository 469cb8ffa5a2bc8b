package dev.ebb.cli.controller;

import dev.ebb.controller.Controller;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ebb controller}: the scaling controller, run from a shell. */
@Command(
        name = "controller",
        description = "The scaling controller (deployed: a Lambda run every tick, 2 minutes by default).",
        subcommands = ControllerCommand.Reconcile.class)
public final class ControllerCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(
            name = "reconcile",
            description = {
                "Run one controller cycle now and print the decision line.",
                "Configured by the Lambda's environment variables (EBB_QUEUE_URL, EBB_CLUSTER, EBB_TASK_DEFINITION,",
                "EBB_SUBNETS, ...; AWS_ENDPOINT_URL for emulators).",
                "Exit 0 when the cycle ran, 1 on an AWS error, 2 for an invalid policy or environment."
            })
    static final class Reconcile implements Callable<Integer> {

        @Option(names = "--dry-run", description = "Log the plan; call no mutating API (no RunTask, no StopTask).")
        boolean dryRun;

        @Override
        public Integer call() {
            return Controller.reconcile(System.getenv(), dryRun, System.out);
        }
    }
}
