package dev.ebb.worker.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnosticLogTest {

    @Test
    void oneLinePerKeyAndIntervalThenTheCountOfWhatWasSuppressed() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] now = {0};
        DiagnosticLog log =
                new DiagnosticLog(new PrintStream(bytes, true, StandardCharsets.UTF_8), 10_000, () -> now[0]);
        for (int i = 0; i < 100; i++) {
            log.warn("s3/retries", "retries_exhausted", new JsonObject().put("service", "s3"));
            now[0] += 100; // 100 lines over 10 s
        }
        log.warn("s3/breaker/OPEN", "breaker", new JsonObject().put("to", "OPEN")); // another key: not held back
        now[0] = 10_000;
        log.warn("s3/retries", "retries_exhausted", new JsonObject().put("service", "s3"));

        List<JsonObject> lines = Arrays.stream(
                        bytes.toString(StandardCharsets.UTF_8).split("\n"))
                .map(JsonObject::new)
                .toList();
        assertThat(lines)
                .extracting(j -> j.getString("event"))
                .containsExactly("retries_exhausted", "breaker", "retries_exhausted");
        assertThat(lines).allSatisfy(j -> assertThat(j.getString("level")).isEqualTo("warn"));
        assertThat(lines.getFirst().containsKey("suppressed")).isFalse();
        assertThat(lines.getLast().getInteger("suppressed")).isEqualTo(99);
    }
}
