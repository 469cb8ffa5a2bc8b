package dev.ebb.cli.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.cli.EbbCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class OptionalCommandsTest {

    @Test
    void theFullDistributionHasEveryCommandInItsPlace() {
        CommandLine ebb = EbbCommand.commandLine();

        assertThat(ebb.getSubcommands().keySet())
                .containsExactly(
                        "help",
                        "resize",
                        "resize-bench",
                        "controller",
                        "policy",
                        "worker",
                        "simulate",
                        "local",
                        "aot-train");
        // a renamed marker class would otherwise turn a command into its stand-in without a word
        assertThat(ebb.getSubcommands().values()).noneMatch(OptionalCommands::leftOut);
    }

    @Test
    void aCommandWhoseModuleIsMissingSaysSoAndExitsTwo() {
        CommandLine parent = new CommandLine(new EbbCommand());
        OptionalCommands.add(
                parent,
                "local",
                () -> {
                    throw new AssertionError("the command's class must not be touched");
                },
                List.of("dev.ebb.nowhere.Pipeline"));
        StringWriter err = new StringWriter();
        parent.setErr(new PrintWriter(err, true));

        int exit = parent.execute("local", "--generate", "10", "--output", "/tmp/x");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .contains("ebb local: not in this distribution")
                .contains("bin/ebb local");
        assertThat(OptionalCommands.leftOut(parent.getSubcommands().get("local")))
                .isTrue();
        StringWriter help = new StringWriter();
        parent.usage(new PrintWriter(help, true));
        assertThat(help.toString()).containsPattern("local\\s+Not in this distribution");
    }
}
