package dev.ebb.cli.resize;

import dev.ebb.cli.io.NativeFiles;
import dev.ebb.image.ImageEngine;
import dev.ebb.image.Outcome;
import dev.ebb.image.RenderedOutput;
import dev.ebb.image.naming.OutputKeys;
import dev.ebb.image.spec.OutputSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Resizes a folder tree: every regular file is one input whose key is its path relative to the
 * input folder (with {@code /} separators), exactly as an S3 key would be.
 */
final class FolderResize {

    /** What happened to one input. {@code reason} is a stable code, null when processed. */
    record Entry(String key, String status, String reason, String message, List<Output> outputs) {}

    record Output(String key, int width, int height, long bytes) {}

    record Result(List<Entry> entries, List<String> unaccounted, double elapsedSeconds) {
        long processed() {
            return entries.stream().filter(e -> e.status().equals("processed")).count();
        }

        Map<String, Long> failuresByReason() {
            Map<String, Long> m = new TreeMap<>();
            entries.stream().filter(e -> e.reason() != null).forEach(e -> m.merge(e.reason(), 1L, Long::sum));
            return m;
        }

        String summary() {
            long failed = entries.size() - processed();
            StringBuilder s = new StringBuilder(String.format(
                    "%d inputs: %d processed, %d failed%s in %.1f s (%.1f img/s)",
                    entries.size() + unaccounted.size(),
                    processed(),
                    failed,
                    failed > 0 ? " " + failuresByReason() : "",
                    elapsedSeconds,
                    elapsedSeconds > 0 ? entries.size() / elapsedSeconds : 0));
            if (!unaccounted.isEmpty()) {
                s.append(String.format("%nNOT accounted for (%d):", unaccounted.size()));
                unaccounted.forEach(u -> s.append("\n  ").append(u));
            }
            return s.toString();
        }
    }

    private final ImageEngine engine;
    private final List<OutputSpec> specs;
    private final Path input;
    private final Path output;
    private final int threads;
    private final Progress progress;

    FolderResize(ImageEngine engine, List<OutputSpec> specs, Path input, Path output, int threads, Progress progress) {
        this.engine = engine;
        this.specs = specs;
        this.input = input;
        this.output = output;
        this.threads = threads;
        this.progress = progress;
    }

    Result run() throws IOException, InterruptedException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(input)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        Files.createDirectories(output);
        List<Entry> entries = Collections.synchronizedList(new ArrayList<>(files.size()));
        List<String> unaccounted = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "resize");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>(files.size());
            for (Path file : files) {
                futures.add(pool.submit(() -> {
                    String key = keyOf(file);
                    try {
                        Entry e = resize(file, key);
                        entries.add(e);
                        if (e.reason() != null) {
                            failed.incrementAndGet();
                        }
                    } catch (IOException | RuntimeException e) {
                        unaccounted.add(key + ": " + e);
                    }
                    progress.update(
                            done.incrementAndGet(), files.size(), failed.get(), (System.nanoTime() - start) / 1e9);
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    unaccounted.add(String.valueOf(e.getCause()));
                }
            }
        } finally {
            pool.shutdownNow();
            progress.finish();
        }
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort((a, b) -> a.key().compareTo(b.key()));
        return new Result(List.copyOf(sorted), List.copyOf(unaccounted), (System.nanoTime() - start) / 1e9);
    }

    private Entry resize(Path file, String key) throws IOException {
        // Reads at most limit + 1 bytes: the engine reports too_large without the rest being loaded.
        Outcome outcome = engine.render(NativeFiles.read(file, engine.limits().maxBytes()), specs);
        return switch (outcome) {
            case Outcome.Rejected r ->
                new Entry(
                        key,
                        "failed",
                        r.rejection().reason().code(),
                        r.rejection().message(),
                        List.of());
            case Outcome.Rendered r -> {
                List<Output> outs = new ArrayList<>(r.outputs().size());
                for (RenderedOutput o : r.outputs()) {
                    String outKey = OutputKeys.of("", key, o.spec());
                    Path target = output.resolve(outKey);
                    Files.createDirectories(target.getParent());
                    Files.write(target, o.bytes());
                    outs.add(new Output(outKey, o.width(), o.height(), o.bytes().length));
                }
                yield new Entry(key, "processed", null, null, List.copyOf(outs));
            }
        };
    }

    private String keyOf(Path file) {
        Path rel = input.relativize(file);
        return rel.toString().replace(rel.getFileSystem().getSeparator(), "/");
    }
}
