package dev.ebb.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    /** Netty's JFR events are off by default (their registration is start-up CPU); an operator's choice stands. */
    @ParameterizedTest(name = "set to {0}: {1}")
    @CsvSource(
            nullValues = "-",
            value = {"-, false", "true, true", "false, false"})
    void nettysFlightRecorderEventsAreOffUnlessAskedFor(String given, String expected) {
        String before = System.getProperty("io.netty.jfr.enabled");
        try {
            if (given == null) {
                System.clearProperty("io.netty.jfr.enabled");
            } else {
                System.setProperty("io.netty.jfr.enabled", given);
            }
            WorkerMain.withoutNettyFlightRecorderEvents();
            assertThat(System.getProperty("io.netty.jfr.enabled")).isEqualTo(expected);
        } finally {
            if (before == null) {
                System.clearProperty("io.netty.jfr.enabled");
            } else {
                System.setProperty("io.netty.jfr.enabled", before);
            }
        }
    }
}
