package dev.ebb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The container's fast path for {@code ebb worker} parses and helps exactly as the whole tree does. */
class WorkerCommandLineTest {

    @Test
    void sameOptionsAndHelpAsTheWholeTree() {
        CommandLine whole = Main.commandLine().getSubcommands().get("worker");
        CommandLine fast = Main.workerCommandLine().getSubcommands().get("worker");
        assertThat(fast.getCommandSpec().options().stream()
                        .map(o -> o.longestName())
                        .toList())
                .isEqualTo(whole.getCommandSpec().options().stream()
                        .map(o -> o.longestName())
                        .toList());
        assertThat(help(Main.workerCommandLine())).isEqualTo(help(Main.commandLine()));
    }

    private static String help(CommandLine cl) {
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute("worker", "--help")).isZero();
        return out.toString();
    }
}
