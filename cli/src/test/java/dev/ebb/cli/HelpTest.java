package dev.ebb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Every command and subcommand answers --help, and `ebb --help` lists each with a whole sentence. */
class HelpTest {

    /** Every command path of the tree, e.g. ["policy", "apply"]. */
    static Stream<List<String>> commands() {
        List<List<String>> paths = new ArrayList<>();
        collect(EbbCommand.commandLine(), new ArrayList<>(), paths);
        return paths.stream();
    }

    private static void collect(CommandLine cl, List<String> path, List<List<String>> out) {
        cl.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                List<String> p = new ArrayList<>(path);
                p.add(name);
                out.add(p);
                collect(sub, p, out);
            }
        });
    }

    @Test
    void theTreeHasEveryCommand() {
        assertThat(commands().map(p -> String.join(" ", p)))
                .contains(
                        "controller",
                        "controller reconcile",
                        "policy",
                        "policy check",
                        "policy apply",
                        "policy get",
                        "worker",
                        "resize",
                        "resize-bench",
                        "simulate",
                        "local",
                        "aot-train");
    }

    @ParameterizedTest
    @MethodSource("commands")
    void answersHelpWithItsUsage(List<String> path) {
        for (String flag : List.of("--help", "-h")) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cl =
                    EbbCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
            List<String> args = new ArrayList<>(path);
            args.add(flag);
            int code = cl.execute(args.toArray(String[]::new));
            if (flag.equals("-h") && !out.toString().contains("Usage:")) {
                continue; // a command whose -h is another option (none today) still has --help
            }
            assertThat(code).as(path + " " + flag + ": " + err).isZero();
            assertThat(out.toString()).as(path + " " + flag).contains("Usage: ebb " + String.join(" ", path));
            assertThat(err.toString()).as(path + " " + flag).isEmpty();
        }
    }

    /** picocli lists a command by the first line of its description only: it must be a whole, short sentence. */
    @ParameterizedTest
    @MethodSource("commands")
    void isListedWithAWholeSentence(List<String> path) {
        CommandLine cl = EbbCommand.commandLine();
        for (String name : path) {
            cl = cl.getSubcommands().get(name);
        }
        String[] description = cl.getCommandSpec().usageMessage().description();
        assertThat(description).as(path.toString()).isNotEmpty();
        String first = description[0];
        assertThat(first).as(path + ": " + first).endsWith(".");
        // at most two lines of the listing's description column
        assertThat(first.length()).as(path + ": " + first).isLessThanOrEqualTo(120);
    }
}
