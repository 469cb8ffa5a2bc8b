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
import net.coobird.thumbnailator.resizers.Resizers;

/**
 * Turns the upright, shrink-on-load decode of a source into one output's pixels: crop and resize
 * (Ebb's tent filter for opaque images, Thumbnailator for the rest), then letterbox or flatten.
 */
final class Resizer {

    private Resizer() {}

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
        } else if (decoded.getType() == BufferedImage.TYPE_INT_RGB) {
            // the photos' path, without Thumbnailator (see TentResizer on the AOT cache)
            resized = new BufferedImage(target.width(), target.height(), BufferedImage.TYPE_INT_RGB);
            TentResizer.INSTANCE.resize(decoded, crop.x(), crop.y(), crop.width(), crop.height(), resized);
        } else {
            // transparency: Thumbnailator's resizers handle alpha
            resized = Thumbnails.of(decoded)
                    .sourceRegion(crop.x(), crop.y(), crop.width(), crop.height())
                    .forceSize(target.width(), target.height())
                    .resizer(Resizers.PROGRESSIVE)
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
