package dev.ebb.image.encode;

import dev.ebb.image.spec.OutputFormat;
import java.awt.image.BufferedImage;
import java.io.IOException;

/** Writes a finished thumbnail (TYPE_INT_RGB, or TYPE_INT_ARGB for PNG with transparency). */
public interface Encoder {

    byte[] encode(BufferedImage image, OutputFormat format, int quality) throws IOException;
}
