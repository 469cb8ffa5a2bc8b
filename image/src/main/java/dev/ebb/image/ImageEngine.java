package dev.ebb.image;

import dev.ebb.image.Outcome.Rejected;
import dev.ebb.image.Outcome.Rendered;
import dev.ebb.image.Outcome.SourceInfo;
import dev.ebb.image.decode.DecodeFailure;
import dev.ebb.image.decode.Decoder;
import dev.ebb.image.decode.ImageIoDecoder;
import dev.ebb.image.decode.Orientation;
import dev.ebb.image.decode.SourceFormat;
import dev.ebb.image.decode.TurboJpegDecoder;
import dev.ebb.image.encode.Encoder;
import dev.ebb.image.encode.ImageIoEncoder;
import dev.ebb.image.encode.TurboJpegEncoder;
import dev.ebb.image.geometry.DecodeScale;
import dev.ebb.image.geometry.Layout;
import dev.ebb.image.geometry.Size;
import dev.ebb.image.spec.OutputFormat;
import dev.ebb.image.spec.OutputSpec;
import dev.ebb.image.spec.ResizeMode;
import dev.ebb.image.turbojpeg.TurboJpeg;
import dev.ebb.image.turbojpeg.TurboJpegLibrary;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders one source image into every requested output. Thread-safe; use one per process.
 *
 * <p>Bad input never throws: every failure comes back as {@link Rejected} with a stable reason.
 * Limits are checked from the byte count and the header before any pixel is decoded.
 */
public final class ImageEngine {

    private static final Logger LOG = LoggerFactory.getLogger(ImageEngine.class);

    private static final long HEAD_BYTES = 256 * 1024;

    private final Limits limits;
    private final Decoder jpegDecoder;
    private final Decoder otherDecoder;
    private final Encoder encoder;

    private ImageEngine(Limits limits, Decoder jpegDecoder, Decoder otherDecoder, Encoder encoder) {
        this.limits = limits;
        this.jpegDecoder = jpegDecoder;
        this.otherDecoder = otherDecoder;
        this.encoder = encoder;
    }

    /** Uses libturbojpeg when it loads; otherwise ImageIO, and says so once in the log. */
    public static ImageEngine create(Limits limits) {
        TurboJpegLibrary.LoadResult loaded = TurboJpegLibrary.loaded();
        Optional<TurboJpegLibrary> lib = loaded.library();
        if (lib.isEmpty()) {
            LOG.warn(
                    "JPEG falls back to ImageIO (about half as fast, full-size decodes): {}. "
                            + "Install libturbojpeg0 (Debian/Ubuntu) or libjpeg-turbo.",
                    loaded.detail());
            return withImageIo(limits);
        }
        TurboJpeg turbo = new TurboJpeg(lib.get());
        return new ImageEngine(limits, new TurboJpegDecoder(turbo), new ImageIoDecoder(), new TurboJpegEncoder(turbo));
    }

    /** ImageIO only: the fallback path, forced (tests, and {@code EBB_TURBOJPEG=off}). */
    public static ImageEngine withImageIo(Limits limits) {
        ImageIoDecoder imageIo = new ImageIoDecoder();
        return new ImageEngine(limits, imageIo, imageIo, new ImageIoEncoder());
    }

    /**
     * Renders a small generated photo through the path a real JPEG takes (a scaled decode, the
     * halving and the tent resize, the encode) into {@code specs}, and says whether it rendered. A
     * worker runs this while its start waits on the network: the first real image then finds the
     * native calls linked, the classes initialised and the code already run, instead of paying for
     * that while it is awaited.
     */
    public boolean warmUp(List<OutputSpec> specs) {
        // 7/8 of 512x384 is the smallest DCT scale at least twice a 224 box: a scaled decode, then a halving
        BufferedImage photo = new BufferedImage(512, 384, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) photo.getRaster().getDataBuffer()).getData();
        for (int row = 0; row < 384; row++) {
            Arrays.fill(pixels, row * 512, (row + 1) * 512, (row << 16) | (row << 7) | 0x40);
        }
        try (Arena arena = Arena.ofConfined()) {
            byte[] jpeg = encoder.encode(photo, OutputFormat.JPEG, 85);
            MemorySegment source = arena.allocate(jpeg.length);
            MemorySegment.copy(MemorySegment.ofArray(jpeg), 0, source, 0, jpeg.length);
            return render(source, specs) instanceof Rendered;
        } catch (IOException | RuntimeException e) {
            LOG.debug("warm-up render failed", e);
            return false;
        }
    }

    /** Which decoder reads JPEG: {@code turbojpeg} or {@code imageio}. For logs and metrics. */
    public String jpegDecoder() {
        return jpegDecoder.name();
    }

    public Limits limits() {
        return limits;
    }

    /** Renders an in-memory source (e.g. an S3 object body). */
    public Outcome render(byte[] source, List<OutputSpec> specs) {
        return render(MemorySegment.ofArray(source), specs);
    }

    /**
     * Renders a source held in a memory segment. A native segment (e.g. a file read straight into
     * off-heap memory) is decoded in place: no copy, which matters when a 12 MP JPEG's decode takes
     * 14 ms and each extra pass over its 1.3 MB costs a few percent. The segment must stay valid
     * until this returns.
     */
    public Outcome render(MemorySegment source, List<OutputSpec> specs) {
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("no output specs");
        }
        try {
            return renderChecked(source, specs);
        } catch (DecodeFailure f) {
            return Rejected.of(f.reason(), f.getMessage());
        } catch (IOException | RuntimeException e) {
            // A decoder or Thumbnailator tripping over hostile data. Not our bug to surface as a crash.
            return Rejected.of(FailureReason.CORRUPT, "image could not be processed: " + e);
        }
    }

    private Outcome renderChecked(MemorySegment source, List<OutputSpec> specs) throws DecodeFailure, IOException {
        long length = source.byteSize();
        if (length == 0) {
            return Rejected.of(FailureReason.EMPTY, "the file is empty (0 bytes)");
        }
        if (length > limits.maxBytes()) {
            return Rejected.of(
                    FailureReason.TOO_LARGE, "the file is over the limit of " + limits.maxBytes() + " bytes");
        }
        byte[] head = head(source);
        Optional<SourceFormat> sniffed = SourceFormat.sniff(head);
        if (sniffed.isEmpty()) {
            String known = SourceFormat.describeUnsupported(head);
            return Rejected.of(
                    FailureReason.UNSUPPORTED_FORMAT,
                    (known == null
                                    ? "not an image Ebb reads (no JPEG, PNG, GIF, BMP or WebP signature)"
                                    : known + " is not supported")
                            + "; Ebb reads JPEG, PNG, GIF, BMP and WebP");
        }
        SourceFormat format = sniffed.get();
        Decoder decoder = format == SourceFormat.JPEG ? jpegDecoder : otherDecoder;
        if (!decoder.reads(format)) {
            return Rejected.of(FailureReason.UNSUPPORTED_FORMAT, "no decoder for " + format.id() + " is installed");
        }
        BufferedImage decoded;
        Size stored;
        int orientation = format == SourceFormat.JPEG ? Orientation.ofJpeg(head) : Orientation.NORMAL;
        boolean transposed = Orientation.transposes(orientation);
        List<Layout> layouts = new ArrayList<>(specs.size());
        Size upright;
        try (Decoder.Opened opened = decoder.open(source, format)) {
            stored = opened.size();
            Optional<Rejected> tooBig = checkPixels(stored);
            if (tooBig.isPresent()) {
                return tooBig.get();
            }
            upright = transposed ? stored.transposed() : stored;
            List<ResizeMode> modes = new ArrayList<>(specs.size());
            for (OutputSpec spec : specs) {
                layouts.add(Layout.of(upright, spec));
                modes.add(spec.mode());
            }
            decoded = opened.decode(DecodeScale.required(stored, transposed, layouts, modes));
        }
        decoded = Orientation.apply(decoded, orientation);

        List<RenderedOutput> outputs = new ArrayList<>(specs.size());
        for (int i = 0; i < specs.size(); i++) {
            OutputSpec spec = specs.get(i);
            BufferedImage pixels = Resizer.render(decoded, upright, layouts.get(i), spec);
            outputs.add(new RenderedOutput(
                    spec,
                    pixels.getWidth(),
                    pixels.getHeight(),
                    encoder.encode(pixels, spec.format(), spec.quality())));
        }
        SourceInfo info = new SourceInfo(
                format.id(),
                upright.width(),
                upright.height(),
                orientation,
                decoder.name(),
                decoded.getWidth(),
                decoded.getHeight());
        return new Rendered(info, List.copyOf(outputs));
    }

    /**
     * The first bytes, where the signature and the EXIF segment live (APP1 is at most 64 KB and
     * comes first in practice). For a heap source that is simply its array.
     */
    private static byte[] head(MemorySegment source) {
        if (source.heapBase().orElse(null) instanceof byte[] array && array.length == source.byteSize()) {
            return array;
        }
        return source.asSlice(0, Math.min(source.byteSize(), HEAD_BYTES)).toArray(ValueLayout.JAVA_BYTE);
    }

    private Optional<Rejected> checkPixels(Size stored) {
        if (stored.width() > limits.maxSide() || stored.height() > limits.maxSide()) {
            return Optional.of(Rejected.of(
                    FailureReason.TOO_MANY_PIXELS,
                    "the image is " + stored + "; the limit is " + limits.maxSide() + " pixels per side"));
        }
        if (stored.pixels() > limits.maxPixels()) {
            return Optional.of(Rejected.of(
                    FailureReason.TOO_MANY_PIXELS,
                    String.format(
                            "the image is %s = %.1f MP; the limit is %.1f MP",
                            stored, stored.pixels() / 1e6, limits.maxPixels() / 1e6)));
        }
        return Optional.empty();
    }
}
