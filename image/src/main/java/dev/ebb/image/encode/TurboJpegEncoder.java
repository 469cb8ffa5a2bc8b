package dev.ebb.image.encode;

import dev.ebb.image.spec.OutputFormat;
import dev.ebb.image.turbojpeg.TurboJpeg;
import dev.ebb.image.turbojpeg.TurboJpegException;
import java.awt.image.BufferedImage;
import java.io.IOException;

/** JPEG through libjpeg-turbo's SIMD encoder; PNG is handed to ImageIO. */
public final class TurboJpegEncoder implements Encoder {

    private final TurboJpeg turbo;
    private final Encoder other = new ImageIoEncoder();

    public TurboJpegEncoder(TurboJpeg turbo) {
        this.turbo = turbo;
    }

    @Override
    public byte[] encode(BufferedImage image, OutputFormat format, int quality) throws IOException {
        if (format != OutputFormat.JPEG) {
            return other.encode(image, format, quality);
        }
        try {
            return turbo.encode(image, quality);
        } catch (TurboJpegException e) {
            throw new IOException("JPEG encode failed: " + e.getMessage(), e);
        }
    }
}
