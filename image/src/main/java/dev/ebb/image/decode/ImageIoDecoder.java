package dev.ebb.image.decode;

import dev.ebb.image.FailureReason;
import dev.ebb.image.geometry.DecodeScale;
import dev.ebb.image.geometry.Size;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Every format through ImageIO (JDK readers, plus TwelveMonkeys for WebP), with source
 * subsampling so a large image is never held at full size. Also the JPEG fallback when
 * libturbojpeg is missing: about half as fast, and it cannot beat a full-size decode.
 */
public final class ImageIoDecoder implements Decoder {

    /**
     * ImageIO, set up on its first use rather than with the engine: its first call scans the class
     * path for plugins, which a worker that only sees JPEGs (libturbojpeg's) need not pay for before
     * its first image.
     */
    private static final class Setup {
        static {
            // Without this ImageIO may spill stream data into temp files; inputs are in memory already.
            ImageIO.setUseCache(false);
        }

        static Iterator<ImageReader> readers(SourceFormat format) {
            return ImageIO.getImageReadersByFormatName(format.id());
        }
    }

    @Override
    public String name() {
        return "imageio";
    }

    @Override
    public boolean reads(SourceFormat format) {
        return Setup.readers(format).hasNext();
    }

    @Override
    public Opened open(MemorySegment segment, SourceFormat format) throws DecodeFailure {
        byte[] bytes = asArray(segment);
        Size size = withReader(bytes, format, (reader, warnings) -> {
            int w = reader.getWidth(0);
            int h = reader.getHeight(0);
            if (w < 1 || h < 1) {
                throw new DecodeFailure(FailureReason.CORRUPT, format.id() + " header declares " + w + "x" + h);
            }
            return new Size(w, h);
        });
        // ImageIO readers are cheap to set up again; the header is a few hundred bytes.
        return new Opened() {
            @Override
            public Size size() {
                return size;
            }

            @Override
            public BufferedImage decode(Size atLeast) throws DecodeFailure {
                return read(bytes, format, size, atLeast);
            }

            @Override
            public void close() {}
        };
    }

    /** ImageIO reads streams over arrays: reuse the caller's array when the segment wraps one whole. */
    private static byte[] asArray(MemorySegment segment) {
        if (segment.heapBase().orElse(null) instanceof byte[] array
                && array.length == segment.byteSize()
                && MemorySegment.ofArray(array).address() == segment.address()) {
            return array;
        }
        return segment.toArray(ValueLayout.JAVA_BYTE);
    }

    private static BufferedImage read(byte[] bytes, SourceFormat format, Size stored, Size atLeast)
            throws DecodeFailure {
        return withReader(bytes, format, (reader, warnings) -> {
            ImageReadParam param = reader.getDefaultReadParam();
            int step = DecodeScale.subsamplingStep(stored, atLeast);
            param.setSourceSubsampling(step, step, 0, 0);
            BufferedImage img;
            try {
                img = reader.read(0, param);
            } catch (IIOException e) {
                if (format == SourceFormat.JPEG
                        && String.valueOf(e.getMessage()).contains("Unsupported Image Type")) {
                    img = cmykToRgb(reader.readRaster(0, param), isYcck(reader));
                } else {
                    throw e;
                }
            }
            if (!warnings.isEmpty()) {
                throw new DecodeFailure(
                        FailureReason.CORRUPT, format.id() + " damaged or truncated: " + String.join("; ", warnings));
            }
            return Pixels.normalized(img);
        });
    }

    private interface ReaderWork<T> {
        T apply(ImageReader reader, List<String> warnings) throws IOException, DecodeFailure;
    }

    private static <T> T withReader(byte[] bytes, SourceFormat format, ReaderWork<T> work) throws DecodeFailure {
        Iterator<ImageReader> readers = Setup.readers(format);
        if (!readers.hasNext()) {
            throw new DecodeFailure(FailureReason.UNSUPPORTED_FORMAT, "no reader for " + format.id() + " installed");
        }
        ImageReader reader = readers.next();
        List<String> warnings = new ArrayList<>();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            return work.apply(reader, warnings);
        } catch (IOException | RuntimeException e) {
            // Readers signal bad data with IIOException, but also with IndexOutOfBounds, NegativeArraySize, ...
            throw new DecodeFailure(FailureReason.CORRUPT, format.id() + " undecodable: " + describe(e));
        } finally {
            reader.dispose();
        }
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static boolean isYcck(ImageReader reader) throws IOException {
        javax.imageio.metadata.IIOMetadata meta = reader.getImageMetadata(0);
        if (meta == null) {
            return false;
        }
        org.w3c.dom.Node root = meta.getAsTree("javax_imageio_jpeg_image_1.0");
        org.w3c.dom.NodeList adobe = ((org.w3c.dom.Element) root).getElementsByTagName("app14Adobe");
        if (adobe.getLength() == 0) {
            return false;
        }
        org.w3c.dom.Node transform = adobe.item(0).getAttributes().getNamedItem("transform");
        return transform != null && "2".equals(transform.getNodeValue());
    }

    /** The JDK cannot colour-convert CMYK JPEGs; it can hand over the raw channels (Adobe-inverted). */
    private static BufferedImage cmykToRgb(Raster raster, boolean ycck) throws DecodeFailure {
        if (raster.getNumBands() != 4) {
            throw new DecodeFailure(
                    FailureReason.UNSUPPORTED_FORMAT, "JPEG colour space with " + raster.getNumBands() + " channels");
        }
        int w = raster.getWidth();
        int h = raster.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] o = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        int[] px = new int[4];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                raster.getPixel(raster.getMinX() + x, raster.getMinY() + y, px);
                int c = px[0];
                int m = px[1];
                int ye = px[2];
                if (ycck) { // YCC -> RGB gives the (inverted) CMY
                    double yy = px[0];
                    double cb = px[1] - 128.0;
                    double cr = px[2] - 128.0;
                    c = clamp(yy + 1.402 * cr);
                    m = clamp(yy - 0.344136 * cb - 0.714136 * cr);
                    ye = clamp(yy + 1.772 * cb);
                }
                int k = px[3];
                o[y * w + x] = (c * k / 255) << 16 | (m * k / 255) << 8 | (ye * k / 255);
            }
        }
        return out;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
