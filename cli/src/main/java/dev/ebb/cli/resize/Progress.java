package dev.ebb.cli.resize;

import java.io.Console;
import java.io.PrintStream;

/** A one-line progress display that redraws itself on a terminal and stays quiet elsewhere. */
interface Progress {

    void update(int done, int total, int failed, double elapsedSeconds);

    void finish();

    // SystemConsoleNull: on JDK 22+ the console is null only with -Djdk.console=java.base and no terminal; still
    // checked
    @SuppressWarnings("SystemConsoleNull")
    static Progress forStderr() {
        Console console = System.console();
        if (console == null || !console.isTerminal()) {
            return new Progress() {
                @Override
                public void update(int done, int total, int failed, double elapsedSeconds) {}

                @Override
                public void finish() {}
            };
        }
        PrintStream err = System.err;
        return new Progress() {
            private long lastDraw;

            @Override
            public synchronized void update(int done, int total, int failed, double elapsedSeconds) {
                long now = System.nanoTime();
                if (done < total && now - lastDraw < 100_000_000L) {
                    return; // redraw at most 10 times a second
                }
                lastDraw = now;
                double rate = elapsedSeconds > 0 ? done / elapsedSeconds : 0;
                err.printf("\r%d/%d done, %d failed, %.1f img/s, %.1f s  ", done, total, failed, rate, elapsedSeconds);
                err.flush();
            }

            @Override
            public void finish() {
                err.println();
            }
        };
    }
}
