package dev.ebb.cli.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.cli.EbbCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void capture() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @Test
    void theShippedPolicyPasses() {
        int code = EbbCommand.commandLine().execute("policy", "check", "../config/scaling-policy.yaml");

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("valid ScalingPolicy 'default'");
    }

    @Test
    void aTypoFailsWithFileLineColumnAndSuggestion(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("p.yaml");
        Files.writeString(
                file,
                "apiVersion: ebb.dev/v1\nkind: ScalingPolicy\nmetadata: {name: p}\nspec:\n  targetMessagesPerTask: 5\n  maxTask: 3\n");

        int code = EbbCommand.commandLine().execute("policy", "check", file.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains(file + ":6:3: spec.maxTask: unknown key; did you mean 'maxTasks'?");
    }

    @Test
    void reconcileIsThere() {
        assertThat(EbbCommand.commandLine().getSubcommands().get("controller").getSubcommands())
                .containsKey("reconcile");
    }
}
