package dev.ebb.local.watch;

import java.io.Console;
import java.io.PrintStream;

/**
 * Where a run shows itself: on a terminal a panel redrawn in place with events scrolling above it;
 * elsewhere (a pipe, CI) plain timestamped lines, one status line per interval.
 */
public interface View {

    void event(String line);

    void update(Snapshot s);

    /** The final state stays on screen. */
    void finish(Snapshot s);

    static View forStderr(boolean terminal, double plainIntervalSeconds) {
        return terminal ? new TerminalView(System.err) : new PlainView(System.err, plainIntervalSeconds);
    }

    // SystemConsoleNull: on JDK 22+ the console is null only with -Djdk.console=java.base and no terminal; still
    // checked
    @SuppressWarnings("SystemConsoleNull")
    static boolean stdoutIsTerminal() {
        Console c = System.console();
        return c != null && c.isTerminal();
    }

    final class PlainView implements View {
        private final PrintStream out;
        private final double interval;
        private double lastPrinted = -1e9;

        PlainView(PrintStream out, double intervalSeconds) {
            this.out = out;
            this.interval = intervalSeconds;
        }

        @Override
        public synchronized void event(String line) {
            out.println(line);
            out.flush();
        }

        @Override
        public synchronized void update(Snapshot s) {
            if (s.elapsedSeconds() - lastPrinted >= interval) {
                lastPrinted = s.elapsedSeconds();
                out.println(s.line());
                out.flush();
            }
        }

        @Override
        public synchronized void finish(Snapshot s) {
            out.println(s.line());
            out.flush();
        }
    }

    final class TerminalView implements View {
        private final PrintStream out;
        private int panelLines;

        TerminalView(PrintStream out) {
            this.out = out;
        }

        @Override
        public synchronized void event(String line) {
            clearPanel();
            out.println(line);
            out.flush();
        }

        @Override
        public synchronized void update(Snapshot s) {
            clearPanel();
            String[] panel = s.panel();
            for (String l : panel) {
                out.println(l);
            }
            panelLines = panel.length;
            out.flush();
        }

        @Override
        public synchronized void finish(Snapshot s) {
            update(s);
            panelLines = 0;
        }

        private void clearPanel() {
            if (panelLines > 0) {
                out.print("\033[" + panelLines + "F\033[J"); // up to the panel's first line, erase to the end
                panelLines = 0;
            }
        }
    }
}
