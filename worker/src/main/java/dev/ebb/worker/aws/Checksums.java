package dev.ebb.worker.aws;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * Verifies a GetObject body against the full-object checksum S3 stored with it (sent back when
 * the request says {@code x-amz-checksum-mode: ENABLED}). The JDK computes CRC32 and CRC32C with
 * CPU instructions, SHA-1 and SHA-256 with intrinsics. Not verified: CRC64NVME (no JDK
 * implementation; the SDK itself needs its native CRT library for it, which the worker does not
 * ship) and composite checksums of multipart uploads ({@code "…-N"}, a checksum of part checksums
 * that a whole-object read cannot recompute). Those bodies are still checked for their length,
 * and TLS protects them in transit.
 */
final class Checksums {

    private Checksums() {}

    /** Fed the body as it arrives, then asked whether it matched. */
    static final class Verifier {
        static final Verifier NONE = new Verifier("none", "", bytes -> {}, () -> new byte[0]);

        private final String algorithm;
        private final String expected;
        private final Consumer<ByteBuffer> update;
        private final Supplier<byte[]> value;

        private Verifier(String algorithm, String expected, Consumer<ByteBuffer> update, Supplier<byte[]> value) {
            this.algorithm = algorithm;
            this.expected = expected;
            this.update = update;
            this.value = value;
        }

        void update(ByteBuffer bytes) {
            update.accept(bytes);
        }

        /** Empty when the body matched (or nothing could be checked); else what differed. */
        Optional<String> mismatch() {
            if (this == NONE) {
                return Optional.empty();
            }
            String got = Base64.getEncoder().encodeToString(value.get());
            return got.equals(expected)
                    ? Optional.empty()
                    : Optional.of(algorithm + " stored " + expected + ", received body has " + got);
        }
    }

    /** The verifier for the strongest checksum among the response's headers that the JDK computes. */
    static Verifier verifier(Function<String, String> header) {
        for (String algorithm : new String[] {"crc32c", "crc32", "sha256", "sha1"}) {
            String expected = header.apply("x-amz-checksum-" + algorithm);
            if (expected != null && !expected.contains("-")) {
                return of(algorithm, expected);
            }
        }
        return Verifier.NONE;
    }

    static Verifier of(String algorithm, String expectedBase64) {
        return switch (algorithm) {
            case "crc32" -> crc(new CRC32(), algorithm, expectedBase64);
            case "crc32c" -> crc(new CRC32C(), algorithm, expectedBase64);
            case "sha256" -> digest("SHA-256", algorithm, expectedBase64);
            case "sha1" -> digest("SHA-1", algorithm, expectedBase64);
            default -> throw new IllegalArgumentException("not a checksum the JDK computes: " + algorithm);
        };
    }

    /** S3 sends a CRC as its four bytes, big-endian. */
    private static Verifier crc(Checksum crc, String algorithm, String expected) {
        return new Verifier(algorithm, expected, crc::update, () -> {
            long v = crc.getValue();
            return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
        });
    }

    private static Verifier digest(String jdkName, String algorithm, String expected) {
        try {
            MessageDigest md = MessageDigest.getInstance(jdkName);
            return new Verifier(algorithm, expected, md::update, md::digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + jdkName, e);
        }
    }
}
