package dev.ebb.cli.simulate;

import dev.ebb.cli.Main;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@code ebb worker} with a copy of its stdout (the JSON lines: {@code start}, one per message with
 * its duration, {@code idle}, {@code exit}) in {@code DIR/$EBB_TASK_ID.jsonl}. {@code ebb local}
 * reads the same lines and deletes its own copy when a run succeeds; {@link CalibrationIT} needs
 * them afterwards. Everything else is the worker's own entry point, unchanged.
 */
public final class RecordingWorker {

    private RecordingWorker() {}

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]).resolve(System.getenv("EBB_TASK_ID") + ".jsonl");
        OutputStream copy = new FileOutputStream(file.toFile());
        PrintStream original = System.out;
        OutputStream both = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                original.write(b);
                copy.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                original.write(b, off, len);
                copy.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                original.flush();
                copy.flush();
            }
        };
        System.setOut(new PrintStream(both, true, StandardCharsets.UTF_8));
        Main.main(new String[] {"worker"});
    }
}
