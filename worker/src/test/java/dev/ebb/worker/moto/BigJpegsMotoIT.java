package dev.ebb.worker.moto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.worker.testing.Events;
import dev.ebb.worker.testing.Harness;
import dev.ebb.worker.testing.MotoWorld;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twenty valid 46 MB JPEGs (8000x6000, noise so they do not compress) on a 1 vCPU / 1 GB task:
 * the container's JVM flags plus {@code -XX:MaxRAM=1g -XX:ActiveProcessorCount=1}, so a 614 MB
 * heap and the default 20 permits. Before the byte budget, twenty messages of 46 MB each were
 * downloaded at once and the worker died of OutOfMemoryError within seconds, three times, until the
 * queue's redrive dead-lettered every good image. Now: all processed, and the whole process's peak
 * resident memory stays under 900 MB.
 */
class BigJpegsMotoIT {

    static final int IMAGES = 20;
    static final long RSS_LIMIT_KB = 900L * 1024;

    @Test
    void twentyBigJpegsOnOneGigabyteAreAllProcessedWithinTheMemory(@TempDir Path dir) throws Exception {
        MotoWorld w = new MotoWorld("big", 60, 3);
        byte[] jpeg = noiseJpeg(8000, 6000);
        assertThat(jpeg.length).as("a 46 MB JPEG, under EBB_MAX_BYTES").isBetween(40_000_000, 60_000_000);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < IMAGES; i++) {
            String key = "big/photo-" + i + ".jpg";
            w.aws.put(w.source, key, jpeg);
            bodies.add(Events.created(w.source, key, jpeg.length));
        }
        w.aws.send(w.queues.url(), bodies);

        List<String> jvm = new ArrayList<>(Harness.containerJvmFlags());
        jvm.addAll(List.of("-XX:MaxRAM=1g", "-XX:ActiveProcessorCount=1"));
        MotoWorld.Worker worker = w.start(w.env(), dir, "worker", jvm);
        AtomicLong peakKb = new AtomicLong();
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (worker.process().isAlive()) {
                peakKb.accumulateAndGet(highWaterMarkKb(worker.process().pid()), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        int code = worker.awaitExit();
        sampler.join();
        String figure = "BigJpegsMotoIT: " + IMAGES + " x " + jpeg.length
                + " bytes (8000x6000) on -XX:MaxRAM=1g -XX:ActiveProcessorCount=1: " + "peak RSS " + peakKb.get() / 1024
                + " MB\n";
        System.out.print(figure);
        Files.writeString(Path.of("target", "big-jpegs.txt"), figure);

        assertThat(code)
                .as("exit code (3 = out of memory); stderr:\n%s", worker.stderrText())
                .isZero();
        assertThat(Harness.count(worker.lines(), "succeeded")).isEqualTo(IMAGES);
        assertThat(peakKb.get()).as("peak RSS in kB").isPositive().isLessThan(RSS_LIMIT_KB);
        assertThat(w.aws.depth(w.queues.url())).isZero();
        assertThat(w.aws.depth(w.queues.dlqUrl())).isZero();
    }

    /** VmHWM: the process's peak resident set so far (0 once it is gone). */
    static long highWaterMarkKb(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(l -> l.startsWith("VmHWM:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                    .findFirst()
                    .orElse(0);
        } catch (Exception gone) {
            return 0;
        }
    }

    /** Colour noise at quality 0.92: about 1 byte per pixel, like a high-quality photo of a busy scene. */
    static byte[] noiseJpeg(int width, int height) throws Exception {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        SplittableRandom random = new SplittableRandom(46);
        for (int i = 0; i < px.length; i++) {
            px[i] = random.nextInt(1 << 24);
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.92f);
        ByteArrayOutputStream out = new ByteArrayOutputStream(50 << 20);
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(null, new IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
