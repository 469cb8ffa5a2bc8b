package dev.ebb.image;

import dev.ebb.image.geometry.Layout;
import dev.ebb.image.geometry.Region;
import dev.ebb.image.geometry.Size;
import dev.ebb.image.resize.TentResizer;
import dev.ebb.image.spec.OutputFormat;
import dev.ebb.image.spec.OutputSpec;
import dev.ebb.image.spec.ResizeMode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import net.coobird.thumbnailator.Thumbnails;

/**
 * Turns the upright, shrink-on-load decode of a source into one output's pixels: crop and resize
 * through Thumbnailator (with Ebb's tent filter for opaque images), then letterbox or flatten.
 */
final class Resizer {

    private Resizer() {}

    /** Opaque RGB takes the fast tent filter; transparency needs Thumbnailator's own resizers. */
    private static net.coobird.thumbnailator.resizers.Resizer resizerFor(BufferedImage img) {
        return img.getType() == BufferedImage.TYPE_INT_RGB
                ? TentResizer.INSTANCE
                : net.coobird.thumbnailator.resizers.Resizers.PROGRESSIVE;
    }

    /**
     * @param decoded upright pixels, a scaled-down copy of the whole source
     * @param source the upright source size the layout was computed for
     */
    static BufferedImage render(BufferedImage decoded, Size source, Layout layout, OutputSpec spec) throws IOException {
        Size decodedSize = new Size(decoded.getWidth(), decoded.getHeight());
        Region crop = layout.crop().rescaled(source, decodedSize);
        Size target = layout.resized();
        BufferedImage resized;
        if (crop.equals(Region.whole(decodedSize)) && target.equals(decodedSize)) {
            resized = decoded;
        } else {
            resized = Thumbnails.of(decoded)
                    .sourceRegion(crop.x(), crop.y(), crop.width(), crop.height())
                    .forceSize(target.width(), target.height())
                    .resizer(resizerFor(decoded))
                    .asBufferedImage();
        }
        boolean hasAlpha = resized.getColorModel().hasAlpha();
        boolean needsCanvas = spec.mode() == ResizeMode.PAD || (hasAlpha && spec.format() == OutputFormat.JPEG);
        if (!needsCanvas) {
            return resized;
        }
        Size canvas = layout.canvas();
        BufferedImage out = new BufferedImage(canvas.width(), canvas.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(new Color(spec.background().packed()));
            g.fillRect(0, 0, canvas.width(), canvas.height());
            g.drawImage(resized, layout.offsetX(), layout.offsetY(), null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
