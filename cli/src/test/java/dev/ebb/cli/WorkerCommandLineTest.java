package dev.ebb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The container's fast paths for {@code ebb worker}: they parse and help exactly as the whole tree does. */
class WorkerCommandLineTest {

    @Test
    void sameOptionsAndHelpAsTheWholeTree() {
        CommandLine whole = EbbCommand.commandLine().getSubcommands().get("worker");
        CommandLine fast = EbbCommand.workerCommandLine().getSubcommands().get("worker");
        assertThat(fast.getCommandSpec().options().stream()
                        .map(o -> o.longestName())
                        .toList())
                .isEqualTo(whole.getCommandSpec().options().stream()
                        .map(o -> o.longestName())
                        .toList());
        assertThat(help(EbbCommand.workerCommandLine())).isEqualTo(help(EbbCommand.commandLine()));
    }

    /** Only the exact container command skips picocli; anything else is parsed (and refused or helped) by it. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            worker           | true
            worker --help    | false
            worker -h        | false
            worker extra     | false
            Worker           | false
            policy           | false
            """)
    void onlyThePlainContainerCommandSkipsTheParser(String line, boolean plain) {
        assertThat(Main.isPlainWorker(line.split(" "))).isEqualTo(plain);
    }

    /** The command itself takes no option or argument: what the plain path skips parsing is nothing. */
    @Test
    void theWorkerCommandTakesNoOptionsOfItsOwn() {
        CommandLine worker = EbbCommand.commandLine().getSubcommands().get("worker");
        assertThat(worker.getCommandSpec().positionalParameters()).isEmpty();
        assertThat(worker.getCommandSpec().options())
                .allMatch(o -> o.usageHelp() || o.versionHelp(), "only --help/--version");
    }

    private static String help(CommandLine cl) {
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute("worker", "--help")).isZero();
        return out.toString();
    }
}
