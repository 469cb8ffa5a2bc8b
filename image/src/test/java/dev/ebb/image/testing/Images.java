package dev.ebb.image.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/** Source images made in code, so tests need no binary fixtures where ImageIO can write one. */
public final class Images {

    public static final int RED = 0xFF0000;
    public static final int GREEN = 0x00FF00;
    public static final int BLUE = 0x0000FF;
    public static final int WHITE = 0xFFFFFF;

    private Images() {}

    /** Four flat quadrants: red top left, green top right, blue bottom left, white bottom right. */
    public static BufferedImage quadrants(int w, int h) {
        return quadrants(w, h, BufferedImage.TYPE_INT_RGB);
    }

    public static BufferedImage quadrants(int w, int h, int type) {
        BufferedImage img = new BufferedImage(w, h, type);
        Graphics2D g = img.createGraphics();
        try {
            int hw = Math.max(1, w / 2);
            int hh = Math.max(1, h / 2);
            fill(g, RED, 0, 0, hw, hh);
            fill(g, GREEN, hw, 0, w - hw, hh);
            fill(g, BLUE, 0, hh, hw, h - hh);
            fill(g, WHITE, hw, hh, w - hw, h - hh);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Smooth red and green ramps over a mid blue: what a resize should reproduce closely. */
    public static BufferedImage gradient(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (x * 255 / Math.max(1, w - 1)) << 16 | (y * 255 / Math.max(1, h - 1)) << 8 | 128);
            }
        }
        return img;
    }

    private static void fill(Graphics2D g, int rgb, int x, int y, int w, int h) {
        g.setColor(new Color(rgb));
        g.fillRect(x, y, w, h);
    }

    public static byte[] jpeg(BufferedImage img) {
        return jpeg(img, 90, false);
    }

    public static byte[] jpeg(BufferedImage img, int quality, boolean progressive) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality / 100f);
        if (progressive) {
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        }
        return write(writer, new IIOImage(img, null, null), param);
    }

    public static byte[] png(BufferedImage img) {
        return encode(img, "png");
    }

    public static byte[] bmp(BufferedImage img) {
        return encode(img, "bmp");
    }

    public static byte[] encode(BufferedImage img, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format + " and image type " + img.getType());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** An animated GIF: one frame per colour, each filling the whole canvas, 100 ms apart. */
    public static byte[] animatedGif(int w, int h, List<Integer> colours) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (int colour : colours) {
                BufferedImage frame = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = frame.createGraphics();
                fill(g, colour, 0, 0, w, h);
                g.dispose();
                ImageWriteParam param = writer.getDefaultWriteParam();
                IIOMetadata meta =
                        writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), param);
                String f = meta.getNativeMetadataFormatName();
                IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(f);
                IIOMetadataNode gce = new IIOMetadataNode("GraphicControlExtension");
                gce.setAttribute("disposalMethod", "none");
                gce.setAttribute("userInputFlag", "FALSE");
                gce.setAttribute("transparentColorFlag", "FALSE");
                gce.setAttribute("delayTime", "10");
                gce.setAttribute("transparentColorIndex", "0");
                root.appendChild(gce);
                meta.setFromTree(f, root);
                writer.writeToSequence(new IIOImage(frame, null, meta), param);
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static byte[] write(ImageWriter writer, IIOImage image, ImageWriteParam param) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, image, param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** Reads an engine output back (JPEG or PNG). */
    public static BufferedImage read(byte[] encoded) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(encoded));
            if (img == null) {
                throw new IllegalStateException("not an image ImageIO reads");
            }
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Mean absolute difference per channel (0..255) of two images of the same size. */
    public static double meanAbsDiff(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            throw new IllegalArgumentException(
                    a.getWidth() + "x" + a.getHeight() + " vs " + b.getWidth() + "x" + b.getHeight());
        }
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs((p >> shift & 0xff) - (q >> shift & 0xff));
                }
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }

    /** Largest per-channel difference between a pixel and an expected colour. */
    public static int distance(int argb, int rgb) {
        int d = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            d = Math.max(d, Math.abs((argb >> shift & 0xff) - (rgb >> shift & 0xff)));
        }
        return d;
    }

    /** {@code jpeg} with the frame header (SOF0..SOF15) claiming {@code width x height}. */
    public static byte[] withSofSize(byte[] jpeg, int width, int height) {
        byte[] b = jpeg.clone();
        int pos = 2;
        while (pos + 4 <= b.length && (b[pos] & 0xff) == 0xFF) {
            int marker = b[pos + 1] & 0xff;
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                b[pos + 5] = (byte) (height >> 8);
                b[pos + 6] = (byte) height;
                b[pos + 7] = (byte) (width >> 8);
                b[pos + 8] = (byte) width;
                return b;
            }
            pos += 2 + ((b[pos + 2] & 0xff) << 8 | (b[pos + 3] & 0xff));
        }
        throw new IllegalArgumentException("no SOF marker");
    }

    /**
     * A 4-channel JPEG without an Adobe marker (plain CMYK, no YCCK transform), as ImageIO writes
     * a raster: left half red, right half blue, in the inverted convention Adobe tools use.
     */
    public static byte[] cmykJpeg(int w, int h) {
        java.awt.image.WritableRaster r =
                java.awt.image.Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, w, h, 4, null);
        int[] red = {255, 0, 0, 255}; // C=0 M=100% Y=100% K=0, inverted
        int[] blue = {0, 0, 255, 255}; // C=100% M=100% Y=0 K=0, inverted
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                r.setPixel(x, y, x < w / 2 ? red : blue);
            }
        }
        return write(ImageIO.getImageWritersByFormatName("jpeg").next(), new IIOImage(r, null, null), null);
    }
}
