package dev.ebb.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerMainTest {

    @Test
    void anInvalidEnvironmentExitsWithTwoAndNamesEveryVariable() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = WorkerMain.run(
                Map.of("EBB_MODE", "stretch"),
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains(
                        "invalid configuration",
                        "EBB_QUEUE_URL is not set",
                        "EBB_DEST_BUCKET is not set",
                        "EBB_MODE='stretch' is not allowed (allowed: fit, fill or pad)");
    }
}
