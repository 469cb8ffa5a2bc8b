package dev.ebb.worker.testing;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import javax.imageio.ImageIO;

/** Small images made in code. */
public final class Images {

    private Images() {}

    public static byte[] jpeg(int width, int height, int seed) {
        return encode(picture(width, height, seed), "jpg");
    }

    /** Photo-like: a gradient, a shape and sensor-like noise, so JPEG sizes are realistic. */
    public static byte[] photo(int width, int height, int seed) {
        BufferedImage img = picture(width, height, seed);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        int[] px = ((java.awt.image.DataBufferInt) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < px.length; i++) {
            int n = rnd.nextInt(-12, 13);
            int r = Math.clamp(((px[i] >> 16) & 0xff) + n, 0, 255);
            int g = Math.clamp(((px[i] >> 8) & 0xff) + n, 0, 255);
            int b = Math.clamp((px[i] & 0xff) + n, 0, 255);
            px[i] = (r << 16) | (g << 8) | b;
        }
        return encode(img, "jpg");
    }

    public static byte[] png(int width, int height, int seed) {
        return encode(picture(width, height, seed), "png");
    }

    /** A JPEG cut in half: the engine's {@code corrupt}. */
    public static byte[] truncatedJpeg(int width, int height) {
        byte[] full = jpeg(width, height, 7);
        return Arrays.copyOf(full, full.length / 2);
    }

    public static BufferedImage read(byte[] bytes) {
        try {
            return ImageIO.read(new java.io.ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage picture(int width, int height, int seed) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(
                0, 0, new Color(seed * 37 % 256, 80, 160), width, height, new Color(240, seed * 53 % 256, 30)));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return img;
    }

    private static byte[] encode(BufferedImage img, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
