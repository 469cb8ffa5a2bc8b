package dev.ebb.cli.samples;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes photo-like test images so Ebb can be tried on a machine with no pictures: smooth sky
 * gradients, soft shapes and sensor-like noise (which keeps JPEG sizes realistic), in sizes from
 * 0.3 to 12 MP and aspect ratios from portrait to panorama, in nested folders. Deterministic for
 * a seed.
 */
public final class SampleImages {

    private static final int[][] SHAPES = {
        {4000, 3000}, {3000, 4000}, {4032, 2268}, {2000, 1250}, {1600, 1200}, {1200, 1600},
        {1920, 1080}, {3000, 1000}, {640, 480}, {1024, 1024}, {800, 2400}, {2560, 1600},
    };

    private SampleImages() {}

    /** Writes {@code count} JPEGs under {@code folder}; returns their paths. */
    public static List<Path> write(Path folder, int count, long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Path> written = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int[] wh = SHAPES[rnd.nextInt(SHAPES.length)];
            // Mostly small files keep the demo quick; every tenth is a full-size photo.
            double scale = i % 10 == 0 ? 1.0 : 0.35 + rnd.nextDouble() * 0.3;
            int w = Math.max(64, (int) (wh[0] * scale));
            int h = Math.max(64, (int) (wh[1] * scale));
            Path file = folder.resolve(String.format("batch-%d/photo-%04d.jpg", i % 4, i));
            Files.createDirectories(file.getParent());
            writeJpeg(render(w, h, rnd), file, 0.9f);
            written.add(file);
        }
        return written;
    }

    /** One photo-like image of {@code width} x {@code height}: a PNG if {@code file} ends in {@code .png}, else a JPEG. */
    public static void writePhoto(Path file, int width, int height, long seed) throws IOException {
        BufferedImage img = render(width, height, new SplittableRandom(seed));
        if (file.getFileName().toString().endsWith(".png")) {
            ImageIO.write(img, "png", file.toFile());
        } else {
            writeJpeg(img, file, 0.9f);
        }
    }

    static BufferedImage render(int w, int h, SplittableRandom rnd) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            Color top = new Color(rnd.nextInt(60, 160), rnd.nextInt(100, 200), rnd.nextInt(170, 255));
            Color bottom = new Color(rnd.nextInt(20, 120), rnd.nextInt(60, 160), rnd.nextInt(20, 100));
            g.setPaint(new GradientPaint(0, 0, top, 0, h, bottom));
            g.fillRect(0, 0, w, h);
            for (int s = 0; s < 12; s++) {
                g.setColor(new Color(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(60, 200)));
                int sw = rnd.nextInt(w / 10, w / 2);
                int sh = rnd.nextInt(h / 10, h / 2);
                g.fillOval(rnd.nextInt(-sw / 2, w), rnd.nextInt(-sh / 2, h), sw, sh);
            }
        } finally {
            g.dispose();
        }
        int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < px.length; i++) {
            int n = rnd.nextInt(-6, 7);
            int p = px[i];
            px[i] = clamp(((p >> 16) & 0xff) + n) << 16 | clamp(((p >> 8) & 0xff) + n) << 8 | clamp((p & 0xff) + n);
        }
        return img;
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(255, v);
    }

    private static void writeJpeg(BufferedImage img, Path file, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            writer.write(null, new IIOImage(img, null, null), p);
        } finally {
            writer.dispose();
        }
    }
}
