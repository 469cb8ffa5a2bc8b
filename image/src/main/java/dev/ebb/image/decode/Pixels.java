package dev.ebb.image.decode;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/** Brings any decoded image to the two pixel layouts the rest of the engine works in. */
public final class Pixels {

    private Pixels() {}

    /**
     * TYPE_INT_RGB for opaque images, TYPE_INT_ARGB for those with transparency. Palette, grayscale,
     * 16-bit and custom layouts are drawn over; Java2D's colour conversion handles them.
     */
    public static BufferedImage normalized(BufferedImage img) {
        int type = img.getType();
        if (type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_INT_ARGB) {
            return img;
        }
        boolean alpha = img.getColorModel().hasAlpha();
        BufferedImage out = new BufferedImage(
                img.getWidth(), img.getHeight(), alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(img, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
