package dev.ebb.cli.dist;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** Stands in for a command whose modules this distribution leaves out: says so, exit 2. */
@Command
final class NotInThisDistribution implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Whatever was given: none of it is run. */
    @Unmatched
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() {
        String name = spec.name();
        spec.commandLine()
                .getErr()
                .println("ebb " + name + ": not in this distribution: the worker image carries only what"
                        + " `ebb worker` needs (no emulators, controller or simulator). Run it where Ebb is checked out: bin/ebb "
                        + name);
        return 2;
    }
}
