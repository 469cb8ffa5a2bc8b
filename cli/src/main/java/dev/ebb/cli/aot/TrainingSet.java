package dev.ebb.cli.aot;

import dev.ebb.cli.samples.SampleImages;
import dev.ebb.local.ingest.InputFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the AOT cache is trained on: camera-sized photo-like JPEGs (12 MP landscape and portrait,
 * a 9 MP 16:9, a 2 MP one that decodes at another scale), each uploaded under several keys so that
 * a few files make many messages, then a PNG and one file that is not an image, which the worker
 * must dead-letter. Generated here, not kept in the repository.
 */
record TrainingSet(List<InputFiles.Input> inputs, Set<String> expectedToFail) {

    private static final int[][] PHOTOS = {{4000, 3000}, {3000, 4000}, {4032, 2268}, {1600, 1200}};
    static final String BROKEN = "training/broken.jpg";

    /** Writes the files into {@code folder}; {@code photos} JPEG keys, then the PNG and the broken file. */
    static TrainingSet write(Path folder, int photos) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < PHOTOS.length; i++) {
            Path f = folder.resolve("photo-" + i + ".jpg");
            SampleImages.writePhoto(f, PHOTOS[i][0], PHOTOS[i][1], i);
            files.add(f);
        }
        List<InputFiles.Input> inputs = new ArrayList<>();
        for (int i = 0; i < photos; i++) {
            Path f = files.get(i % files.size());
            inputs.add(new InputFiles.Input(String.format("training/photo-%04d.jpg", i), f, Files.size(f)));
        }
        Path png = folder.resolve("graphic.png");
        SampleImages.writePhoto(png, 1200, 900, PHOTOS.length);
        inputs.add(new InputFiles.Input("training/graphic.png", png, Files.size(png)));
        Path broken = Files.writeString(folder.resolve("broken.jpg"), "not an image\n", StandardCharsets.US_ASCII);
        inputs.add(new InputFiles.Input(BROKEN, broken, Files.size(broken)));
        return new TrainingSet(inputs, Set.of(BROKEN));
    }
}
