package dev.ebb.worker.aws;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The MD5 digests SQS returns with a message, checked as the SDK's client checks them: of the body
 * ({@code MD5OfBody}, {@code MD5OfMessageBody}) and of the message attributes ({@code
 * MD5OfMessageAttributes}, over SQS's documented encoding: for each attribute in name order, the
 * name, the data type, a transport byte (1 for String and Number) and the value, each string
 * preceded by its length as four big-endian bytes).
 */
final class SqsChecksums {

    private static final byte STRING_TRANSPORT = 1;

    private SqsChecksums() {}

    static String ofBody(String body) {
        return hex(md5().digest(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code attributes}: name → (data type, string value); String and Number attributes only. */
    static String ofStringAttributes(Map<String, Attribute> attributes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TreeMap<>(attributes).forEach((name, a) -> {
            lengthPrefixed(out, name);
            lengthPrefixed(out, a.dataType());
            out.write(STRING_TRANSPORT);
            lengthPrefixed(out, a.value());
        });
        return hex(md5().digest(out.toByteArray()));
    }

    /** A String or Number message attribute. */
    record Attribute(String dataType, String value) {}

    private static void lengthPrefixed(ByteArrayOutputStream out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    private static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
