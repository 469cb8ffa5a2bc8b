package dev.ebb.worker.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The words are the ones docs/worker.md lists, dashboards graph and {@code ebb local} reads: they do not change. */
class WireNameTest {

    @Test
    void theWordsAreTheDocumentedOnes() {
        assertThat(Arrays.stream(Outcomes.OfMessage.values()).map(WireName::wire))
                .containsExactly("succeeded", "dead_lettered", "retried", "released", "test_event", "delete_failed");
        assertThat(Arrays.stream(Outcomes.OfRecord.values()).map(WireName::wire))
                .containsExactly("processed", "skipped", "failed");
        assertThat(Arrays.stream(LogLine.Event.values()).map(WireName::wire))
                .containsExactly("start", "message", "crash_suspected", "work", "stopping", "idle", "exit");
    }

    @Test
    void aWordIsReadBackAsItsConstantAndAnUnknownOneAsNothing() {
        for (Outcomes.OfMessage m : Outcomes.OfMessage.values()) {
            assertThat(WireName.parse(Outcomes.OfMessage.class, m.wire())).contains(m);
        }
        assertThat(WireName.parse(Outcomes.OfRecord.class, "failed")).contains(Outcomes.OfRecord.FAILED);
        assertThat(WireName.parse(LogLine.Event.class, "idle")).contains(LogLine.Event.IDLE);
        assertThat(WireName.parse(Outcomes.OfMessage.class, "SUCCEEDED")).isEmpty();
        assertThat(WireName.parse(LogLine.Event.class, "")).isEmpty();
        assertThat(WireName.parse(LogLine.Event.class, null)).isEmpty();
    }
}
