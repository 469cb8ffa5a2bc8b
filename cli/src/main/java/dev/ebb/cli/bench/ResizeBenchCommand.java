package dev.ebb.cli.bench;

import dev.ebb.cli.io.NativeFiles;
import dev.ebb.image.ImageEngine;
import dev.ebb.image.Limits;
import dev.ebb.image.Outcome;
import dev.ebb.image.RenderedOutput;
import dev.ebb.image.spec.OutputFormat;
import dev.ebb.image.spec.OutputSpec;
import dev.ebb.image.spec.ResizeMode;
import dev.ebb.image.spec.Rgb;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The engine's throughput, measured the way {@code ../shared/bench/bench_pillow.py} measures Pillow:
 * one process, a thread pool, untimed warm-up passes, then timed passes that read every file from
 * disk, render it and write the output. Prints one line per pass in the same key=value form.
 */
@Command(
        name = "resize-bench",
        description = {
            "Time the image engine over a folder of JPEGs.",
            "How it compares with the original worker's Pillow loop (bench/resize_vs_pillow.py): docs/benchmarks.md."
        })
public final class ResizeBenchCommand implements Callable<Integer> {

    @Option(names = "--threads", defaultValue = "1", description = "Concurrent renders (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--size", defaultValue = "224", description = "Square box side (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--mode", defaultValue = "fit", description = "fit, fill or pad.")
    String mode;

    @Option(names = "--warmup", defaultValue = "1")
    int warmup;

    @Option(names = "--passes", defaultValue = "3")
    int passes;

    @Option(names = "--out", required = true, description = "Folder for the thumbnails.")
    Path out;

    @Option(names = "--imageio", description = "Force the ImageIO fallback decoder.")
    boolean imageIo;

    @Parameters(paramLabel = "INPUT_DIR")
    Path input;

    @Override
    public Integer call() throws Exception {
        ImageEngine engine = imageIo ? ImageEngine.withImageIo(Limits.DEFAULT) : ImageEngine.create(Limits.DEFAULT);
        List<OutputSpec> specs =
                List.of(new OutputSpec(size, size, ResizeMode.parse(mode), OutputFormat.JPEG, 85, Rgb.BLACK));
        List<Path> files;
        try (Stream<Path> s = Files.list(input)) {
            files = s.filter(p ->
                            p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.jpe?g"))
                    .sorted()
                    .toList();
        }
        Files.createDirectories(out);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int p = 0; p < warmup + passes; p++) {
                long c0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                int failed = pass(pool, engine, specs, files);
                long t1 = System.nanoTime();
                long c1 = os.getProcessCpuTime();
                double ms = (t1 - t0) / 1e6;
                System.out.printf(
                        "EBB decoder=%s mode=%s threads=%d size=%d pass=%s n=%d failed=%d wall_ms=%.1f cpu_ms=%.1f ms_per_img=%.2f img_per_s=%.2f%n",
                        engine.jpegDecoder(),
                        mode,
                        threads,
                        size,
                        p < warmup ? "warmup" : Integer.toString(p - warmup + 1),
                        files.size(),
                        failed,
                        ms,
                        (c1 - c0) / 1e6,
                        ms / files.size(),
                        files.size() * 1000.0 / ms);
            }
        } finally {
            pool.shutdown();
        }
        return 0;
    }

    private int pass(ExecutorService pool, ImageEngine engine, List<OutputSpec> specs, List<Path> files)
            throws Exception {
        AtomicInteger failed = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>(files.size());
        for (Path f : files) {
            futures.add(pool.submit(() -> {
                try {
                    Outcome o =
                            engine.render(NativeFiles.read(f, engine.limits().maxBytes()), specs);
                    if (o instanceof Outcome.Rendered r) {
                        RenderedOutput first = r.outputs().getFirst();
                        Files.write(out.resolve(f.getFileName()), first.bytes());
                    } else if (failed.getAndIncrement() == 0) {
                        System.err.println("FAIL " + f + ": " + o);
                    }
                } catch (IOException e) {
                    failed.incrementAndGet();
                }
            }));
        }
        for (Future<?> fu : futures) {
            fu.get();
        }
        return failed.get();
    }
}
