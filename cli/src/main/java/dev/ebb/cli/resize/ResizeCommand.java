package dev.ebb.cli.resize;

import dev.ebb.image.ImageEngine;
import dev.ebb.image.Limits;
import dev.ebb.image.spec.OutputFormat;
import dev.ebb.image.spec.OutputSpec;
import dev.ebb.image.spec.ResizeMode;
import dev.ebb.image.spec.Rgb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ebb resize}: the worker's image engine over a folder tree, offline, no AWS. */
@Command(
        name = "resize",
        description = {
            "Resize every file under --input into --output with the same engine and key layout as the worker:",
            "  <output>/<W>x<H>/<relative path with the format's extension>",
            "Exit 0 when every input was processed or reported failed with a reason; 1 if any could not be accounted for."
        })
public final class ResizeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--input", paramLabel = "DIR", description = "Folder tree of source images.")
    Path input;

    @Option(names = "--generate", paramLabel = "N",
            description = "Instead of --input, write N photo-like test images into <output>/_samples and resize those.")
    Integer generate;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Folder for the outputs (created).")
    Path output;

    @Option(names = "--sizes", defaultValue = "224x224,299x299", paramLabel = "WxH[,WxH...]",
            description = "Output boxes (default ${DEFAULT-VALUE}).")
    String sizes;

    @Option(names = "--mode", defaultValue = "fit", paramLabel = "fit|fill|pad",
            description = "fit: keep aspect inside the box, never enlarge; fill: centre-crop to the box; pad: letterbox to the box (default ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--format", defaultValue = "jpeg", paramLabel = "jpeg|png", description = "Output format (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--quality", defaultValue = "85", description = "JPEG quality 1..100 (default ${DEFAULT-VALUE}).")
    int quality;

    @Option(names = "--background", defaultValue = "black", paramLabel = "#rrggbb",
            description = "Letterbox colour for pad, and what transparency becomes in JPEG (default ${DEFAULT-VALUE}).")
    String background;

    @Option(names = "--threads", paramLabel = "N", description = "Concurrent resizes (default: the number of CPUs).")
    Integer threads;

    @Option(names = "--report", paramLabel = "FILE.json", description = "Write a JSON report: every input with status, reason, outputs.")
    Path report;

    @Option(names = "--max-pixels", defaultValue = "100000000", description = "Reject images with more pixels (default ${DEFAULT-VALUE}).")
    long maxPixels;

    @Option(names = "--max-bytes", defaultValue = "104857600", description = "Reject files larger than this (default ${DEFAULT-VALUE}).")
    long maxBytes;

    @Override
    public Integer call() throws Exception {
        List<OutputSpec> specs;
        try {
            specs = OutputSpec.parseSizes(sizes, ResizeMode.parse(mode), OutputFormat.parse(format), quality, Rgb.parse(background));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if ((input == null) == (generate == null)) {
            throw new ParameterException(spec.commandLine(), "give either --input DIR or --generate N");
        }
        if (generate != null) {
            if (generate < 1) {
                throw new ParameterException(spec.commandLine(), "--generate must be at least 1");
            }
            input = output.resolve("_samples");
            System.err.printf("writing %d sample images to %s ...%n", generate, input);
            dev.ebb.cli.samples.SampleImages.write(input, generate, 42);
        }
        if (!Files.isDirectory(input)) {
            throw new ParameterException(spec.commandLine(), "--input " + input + " is not a folder");
        }
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        ImageEngine engine = ImageEngine.create(new Limits(maxBytes, maxPixels, Limits.DEFAULT.maxSide()));
        FolderResize job = new FolderResize(engine, specs, input, output, n, Progress.forStderr());
        FolderResize.Result result = job.run();
        if (report != null) {
            ResizeReport.write(report, result, engine.jpegDecoder());
        }
        System.out.println(result.summary());
        return result.unaccounted().isEmpty() ? 0 : 1;
    }
}
