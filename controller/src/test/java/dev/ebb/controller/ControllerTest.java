package dev.ebb.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControllerTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void checkAcceptsTheShippedPolicy() {
        int code = Controller.checkPolicy(
                Path.of(System.getProperty("ebb.config.dir", "../config"), "scaling-policy.yaml"),
                print(out),
                print(err));

        assertThat(code).isZero();
        assertThat(text(out)).contains("valid ScalingPolicy 'default'");
        assertThat(text(err)).isEmpty();
    }

    @Test
    void checkPrintsEveryErrorAndFails(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(
                file,
                "apiVersion: ebb.dev/v1\nkind: ScalingPolicy\nmetadata: {name: x}\nspec:\n  maxTask: 3\n  minTasks: -1\n");

        int code = Controller.checkPolicy(file, print(out), print(err));

        assertThat(code).isEqualTo(Controller.INVALID);
        assertThat(text(err))
                .contains(file + ":5:3: spec.maxTask: unknown key; did you mean 'maxTasks'?")
                .contains(file + ":6:13: spec.minTasks: must be a whole number from 0 to 1000, got the number -1")
                .contains("4 errors");
    }

    @Test
    void reconcileWithoutSettingsIsInvalidAndTouchesNothing() {
        int code = Controller.reconcile(Map.of(), true, print(out));

        assertThat(code).isEqualTo(Controller.INVALID);
        assertThat(text(out)).contains("\"status\":\"settings-invalid\"").contains("EBB_QUEUE_URL is not set");
    }

    private static PrintStream print(ByteArrayOutputStream sink) {
        return new PrintStream(sink, true, StandardCharsets.UTF_8);
    }

    private static String text(ByteArrayOutputStream sink) {
        return sink.toString(StandardCharsets.UTF_8);
    }
}
