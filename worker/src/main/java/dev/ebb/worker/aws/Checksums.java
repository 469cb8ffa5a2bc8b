package dev.ebb.worker.aws;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;
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

    interface Verifier {
        Verifier NONE = new Verifier() {
            @Override
            public void update(ByteBuffer bytes) {}

            @Override
            public Optional<String> mismatch() {
                return Optional.empty();
            }
        };

        void update(ByteBuffer bytes);

        /** Empty when the body matched (or nothing could be checked); else what differed. */
        Optional<String> mismatch();
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

    private static Verifier crc(Checksum crc, String algorithm, String expected) {
        return new Verifier() {
            @Override
            public void update(ByteBuffer bytes) {
                crc.update(bytes);
            }

            @Override
            public Optional<String> mismatch() {
                long v = crc.getValue();
                byte[] big = {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
                return compare(algorithm, expected, big);
            }
        };
    }

    private static Verifier digest(String jdkName, String algorithm, String expected) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(jdkName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + jdkName, e);
        }
        return new Verifier() {
            @Override
            public void update(ByteBuffer bytes) {
                md.update(bytes);
            }

            @Override
            public Optional<String> mismatch() {
                return compare(algorithm, expected, md.digest());
            }
        };
    }

    private static Optional<String> compare(String algorithm, String expected, byte[] actual) {
        String got = Base64.getEncoder().encodeToString(actual);
        return got.equals(expected)
                ? Optional.empty()
                : Optional.of(algorithm + " stored " + expected + ", received body has " + got);
    }
}
