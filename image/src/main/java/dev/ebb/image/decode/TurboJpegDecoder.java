package dev.ebb.image.decode;

import dev.ebb.image.FailureReason;
import dev.ebb.image.geometry.DecodeScale;
import dev.ebb.image.geometry.Size;
import dev.ebb.image.turbojpeg.TurboJpeg;
import dev.ebb.image.turbojpeg.TurboJpegException;
import java.awt.image.BufferedImage;
import java.lang.foreign.MemorySegment;

/**
 * JPEG through libjpeg-turbo with DCT-domain scaling: a 12 MP photo decoded at 1/8 scale costs
 * about 14 ms and 0.75 MB instead of about 30 ms and 48 MB at full size.
 */
public final class TurboJpegDecoder implements Decoder {

    private final TurboJpeg turbo;

    public TurboJpegDecoder(TurboJpeg turbo) {
        this.turbo = turbo;
    }

    @Override
    public String name() {
        return "turbojpeg";
    }

    @Override
    public boolean reads(SourceFormat format) {
        return format == SourceFormat.JPEG;
    }

    @Override
    public Opened open(MemorySegment bytes, SourceFormat format) throws DecodeFailure {
        TurboJpeg.Decompression d;
        try {
            d = turbo.open(bytes);
        } catch (TurboJpegException e) {
            throw new DecodeFailure(FailureReason.CORRUPT, "JPEG header unreadable: " + e.getMessage());
        }
        return new Opened() {
            @Override
            public Size size() {
                return d.header().size();
            }

            @Override
            public BufferedImage decode(Size atLeast) throws DecodeFailure {
                Size stored = size();
                try {
                    return d.decode(DecodeScale.dctScaled(stored, DecodeScale.dctEighths(stored, atLeast)));
                } catch (TurboJpegException e) {
                    throw new DecodeFailure(
                            FailureReason.CORRUPT,
                            (e.warning() ? "JPEG damaged or truncated: " : "JPEG undecodable: ") + e.getMessage());
                }
            }

            @Override
            public void close() {
                d.close();
            }
        };
    }
}
