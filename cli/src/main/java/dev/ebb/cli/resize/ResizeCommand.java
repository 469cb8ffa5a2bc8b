package dev.ebb.cli.resize;

import dev.ebb.cli.options.ImageJobOptions;
import dev.ebb.image.ImageEngine;
import dev.ebb.image.Limits;
import dev.ebb.image.spec.OutputSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ebb resize}: the worker's image engine over a folder tree, offline, no AWS. */
@Command(
        name = "resize",
        description = {
            "Resize every file under --input into --output, as the worker would.",
            "Same engine and key layout as the worker: <output>/<W>x<H>/<relative path with the format's extension>.",
            "Exit 0 when every input was processed or reported failed with a reason; 1 if any could not be accounted for."
        })
public final class ResizeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ImageJobOptions jobOptions;

    @Option(
            names = "--format",
            defaultValue = "jpeg",
            paramLabel = "jpeg|png",
            description = "Output format (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--quality", defaultValue = "85", description = "JPEG quality 1..100 (default ${DEFAULT-VALUE}).")
    int quality;

    @Option(
            names = "--background",
            defaultValue = "black",
            paramLabel = "#rrggbb",
            description = "Letterbox colour for pad, and what transparency becomes in JPEG (default ${DEFAULT-VALUE}).")
    String background;

    @Option(names = "--threads", paramLabel = "N", description = "Concurrent resizes (default: the number of CPUs).")
    Integer threads;

    @Option(
            names = "--report",
            paramLabel = "FILE.json",
            description = "Write a JSON report: every input with status, reason, outputs.")
    Path report;

    @Option(
            names = "--max-pixels",
            defaultValue = "100000000",
            description = "Reject images with more pixels (default ${DEFAULT-VALUE}).")
    long maxPixels;

    @Option(
            names = "--max-bytes",
            defaultValue = "104857600",
            description = "Reject files larger than this (default ${DEFAULT-VALUE}).")
    long maxBytes;

    @Override
    public Integer call() throws Exception {
        List<OutputSpec> specs = jobOptions.outputSpecs(format, Integer.toString(quality), background);
        jobOptions.requireOneSource();
        Path input = jobOptions.inputFolder();
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        ImageEngine engine = ImageEngine.create(new Limits(maxBytes, maxPixels, Limits.DEFAULT.maxSide()));
        FolderResize job = new FolderResize(engine, specs, input, jobOptions.output(), n, Progress.forStderr());
        FolderResize.Result result = job.run();
        if (report != null) {
            ResizeReport.write(report, result, engine.jpegDecoder());
        }
        System.out.println(result.summary());
        return result.unaccounted().isEmpty() ? 0 : 1;
    }
}
