package dev.ebb.local.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ViewTest {

    private static Snapshot at(double seconds, int processed) {
        return new Snapshot(seconds, 40, 10, 0, 1, 1, 2, 0, 3, processed, 1, 100, "LAUNCH: launch 1");
    }

    @Test
    void plainLinesComeAtMostOncePerIntervalWithEventsInBetween() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        View view = new View.PlainView(new PrintStream(bytes, true, StandardCharsets.UTF_8), 5);

        view.update(at(0.5, 0));
        view.update(at(2.0, 5));
        view.event("task-1 launched on FARGATE (pid 1)");
        view.update(at(5.6, 20));
        view.finish(at(6.0, 21));

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
                .containsExactly(
                        "   0.5s  backlog 40  in flight 10  dead-lettered 1 | tasks starting 1 running 2 stopping 0 (launched 3) | processed 0/100  failed 1  2.0 img/s",
                        "task-1 launched on FARGATE (pid 1)",
                        "   5.6s  backlog 40  in flight 10  dead-lettered 1 | tasks starting 1 running 2 stopping 0 (launched 3) | processed 20/100  failed 1  3.8 img/s",
                        "   6.0s  backlog 40  in flight 10  dead-lettered 1 | tasks starting 1 running 2 stopping 0 (launched 3) | processed 21/100  failed 1  3.7 img/s");
    }

    @Test
    void aTerminalPanelIsRedrawnInPlaceAndEventsScrollAboveIt() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        View view = new View.TerminalView(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        view.update(at(1, 0));
        view.event("task-2 exited: idle");
        view.update(at(2, 1));

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).startsWith("  queue    backlog 40");
        assertThat(out.split("\u001b\\[4F\u001b\\[J", -1))
                .hasSize(2); // erased once, before the event; redrawn below it
        assertThat(out).contains("\u001b[4F\u001b[Jtask-2 exited: idle\n");
        assertThat(out).contains("  images   processed 1/100  failed 1  1.0 img/s  elapsed 0:02");
    }
}
