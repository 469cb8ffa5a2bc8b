package dev.ebb.cli.options;

import dev.ebb.cli.samples.SampleImages;
import dev.ebb.image.spec.OutputFormat;
import dev.ebb.image.spec.OutputSpec;
import dev.ebb.image.spec.ResizeMode;
import dev.ebb.image.spec.Rgb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options of a command that resizes a folder tree ({@code ebb resize}, {@code ebb local}), as a
 * picocli {@code @Mixin}: where the images come from ({@code --input}, or {@code --generate N}
 * samples written into {@code <output>/_samples}), where the outputs go, and the boxes and mode.
 *
 * <p>The descriptions are {@code ebb resize}'s; a command that means something more specific by
 * one names it in its resource bundle under the option's name ({@code input}, {@code output}, …),
 * as {@code ebb local} does.
 */
public final class ImageJobOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--input", paramLabel = "DIR", description = "Folder tree of source images.")
    Path input;

    @Option(
            names = "--generate",
            paramLabel = "N",
            description = "Instead of --input, write N photo-like test images into <output>/_samples and resize those.")
    Integer generate;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Folder for the outputs (created).")
    Path output;

    @Option(
            names = "--sizes",
            defaultValue = "224x224,299x299",
            paramLabel = "WxH[,WxH...]",
            description = "Output boxes (default ${DEFAULT-VALUE}).")
    String sizes;

    @Option(
            names = "--mode",
            defaultValue = "fit",
            paramLabel = "fit|fill|pad",
            description =
                    "fit: keep aspect inside the box, never enlarge; fill: centre-crop to the box; pad: letterbox to the box (default ${DEFAULT-VALUE}).")
    String mode;

    /** {@code --sizes} in {@code --mode} with the given format, quality and background; a bad value is a usage error. */
    public List<OutputSpec> outputSpecs(String format, String quality, String background) {
        try {
            return OutputSpec.parseSizes(
                    sizes,
                    ResizeMode.parse(mode),
                    OutputFormat.parse(format),
                    Integer.parseInt(quality),
                    Rgb.parse(background));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(mixee.commandLine(), e.getMessage());
        }
    }

    /** Checks that exactly one of {@code --input} and {@code --generate} is given. */
    public void requireOneSource() {
        if ((input == null) == (generate == null)) {
            throw new ParameterException(mixee.commandLine(), "give either --input DIR or --generate N");
        }
    }

    /** The folder of inputs: {@code --input}, or the {@code --generate} samples, written now. */
    public Path inputFolder() throws IOException {
        Path folder = input;
        if (generate != null) {
            if (generate < 1) {
                throw new ParameterException(mixee.commandLine(), "--generate must be at least 1");
            }
            folder = output.resolve("_samples");
            System.err.printf("writing %d sample images to %s ...%n", generate, folder);
            SampleImages.write(folder, generate, 42);
        }
        if (!Files.isDirectory(folder)) {
            throw new ParameterException(mixee.commandLine(), "--input " + folder + " is not a folder");
        }
        return folder;
    }

    public Path output() {
        return output;
    }

    /** {@code --sizes} as given. */
    public String sizes() {
        return sizes;
    }

    /** {@code --mode} as given. */
    public String mode() {
        return mode;
    }
}
