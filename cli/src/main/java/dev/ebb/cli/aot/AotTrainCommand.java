package dev.ebb.cli.aot;

import dev.ebb.local.LocalPipeline;
import dev.ebb.local.TrainingRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ebb aot-train}: writes the worker's AOT cache from a training run on the emulators (see
 * {@link TrainingRun}). The image build runs it with the image's own command; {@code bin/aot-train}
 * runs it for dist-worker's jar. Hidden: a build step, not something to run against AWS.
 */
@Command(
        name = "aot-train",
        description = {
            "Write the worker's JDK AOT cache (-XX:AOTCache) from a training run on the emulators.",
            "ElasticMQ and S3Proxy run in this process; generated camera-sized JPEGs, a PNG and one file that is",
            "not an image are uploaded with the S3 events S3 would send; then COMMAND runs once with",
            "-XX:AOTCacheOutput=FILE until the queue is empty, and its JVM writes the cache as it exits.",
            "Exit 0 when the worker exited 0, every image has its outputs (the bad one is dead-lettered) and FILE",
            "was written; 1 otherwise. The cache works only for the same JVM build and the same jar files",
            "(docs/worker.md, Start-up)."
        })
public final class AotTrainCommand implements Callable<Integer> {

    @Option(
            names = "--out",
            required = true,
            paramLabel = "FILE",
            description = "Where the cache is written (replaced).")
    Path out;

    /**
     * The cache's training data is what tells the image's JVM which methods C1 compiles early: a
     * method compiled in training is compiled at the first check of its call counter (every 128
     * calls), any other one after the JVM's usual 200. Code run once per image is compiled in
     * training only if the training runs it at least 200 times, so the training processes 1,000
     * images (about a minute in the image build). With 40 training images the image had to compile
     * everything after a tenth of the usual calls (-XX:CompileThresholdScaling=0.1), start-up
     * methods that run 20 to 200 times included (docs/worker.md, Compiling what the training
     * compiled).
     */
    @Option(
            names = "--images",
            defaultValue = "1000",
            paramLabel = "N",
            description = "JPEG uploads (of four generated photos) the worker processes (default ${DEFAULT-VALUE}).")
    int images;

    @Parameters(
            arity = "1..*",
            paramLabel = "COMMAND",
            description =
                    "After --: the worker's command line as the image runs it, e.g. java <the ENTRYPOINT's flags> -jar /app/ebb.jar worker"
                            + " (its AOT options are replaced).")
    List<String> command;

    @Override
    public Integer call() throws Exception {
        if (images < 1) {
            System.err.println("ebb aot-train: --images must be at least 1");
            return 2;
        }
        Path folder = Files.createTempDirectory("ebb-aot-images-");
        try {
            long t0 = System.nanoTime();
            TrainingSet set = TrainingSet.write(folder, images);
            System.err.printf(
                    "ebb aot-train: %d images written in %.1f s; training ...%n",
                    set.inputs().size(), (System.nanoTime() - t0) / 1e9);
            TrainingRun.Result r =
                    TrainingRun.run(set.inputs(), set.expectedToFail(), command, out, Duration.ofMinutes(10));
            System.err.printf(
                    "ebb aot-train: %s, %.1f MB; the worker processed %d images, dead-lettered %s, and ran %.1f s"
                            + " (cache written at its exit); %.1f s in all%n",
                    r.cache(),
                    r.cacheBytes() / 1e6,
                    r.processed(),
                    r.deadLettered(),
                    r.worker().toMillis() / 1e3,
                    (System.nanoTime() - t0) / 1e9);
            return 0;
        } catch (TrainingRun.Failed e) {
            System.err.println("ebb aot-train: " + e.getMessage());
            return 1;
        } finally {
            LocalPipeline.deleteTree(folder);
        }
    }
}
