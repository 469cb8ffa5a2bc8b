package dev.ebb.worker.acknowledgement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.worker.port.ReceivedMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class InFlightTest {

    static ReceivedMessage m(String id) {
        return new ReceivedMessage(id, "rh-" + id, "{}", 1);
    }

    @Test
    void aMessageIsDueForAHeartbeatOnceHalfItsVisibilityIsGone() {
        InFlight f = new InFlight(10_000);
        ReceivedMessage a = m("a");
        ReceivedMessage b = m("b");
        f.add(a, 0);
        f.add(b, 3_000);
        assertThat(f.dueForHeartbeat(4_999)).isEmpty();
        assertThat(f.dueForHeartbeat(5_000)).containsExactly(a);
        assertThat(f.dueForHeartbeat(8_000)).containsExactly(a, b);
        f.extended(List.of(a), 8_000);
        assertThat(f.dueForHeartbeat(8_000)).containsExactly(b);
        assertThat(f.dueForHeartbeat(13_000)).containsExactly(a, b);
    }

    @Test
    void releasedMessagesGetNoHeartbeatAndAreKnownAsReleased() {
        InFlight f = new InFlight(10_000);
        ReceivedMessage a = m("a");
        f.add(a, 0);
        assertThat(f.isReleased(a)).isFalse();
        assertThat(f.releaseAll()).containsExactly(a);
        assertThat(f.releaseAll()).isEmpty();
        assertThat(f.isReleased(a)).isTrue();
        assertThat(f.dueForHeartbeat(60_000)).isEmpty();
        assertThat(f.size()).isEqualTo(1);
        f.remove(a);
        assertThat(f.size()).isZero();
    }
}
