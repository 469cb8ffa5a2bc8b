package dev.ebb.local.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The body S3 puts on the queue for one {@code s3:ObjectCreated:Put} (event structure version 2.1),
 * with the key form-URL-encoded as S3 does it (space as {@code +}, {@code +} as {@code %2B}). Local
 * mode writes it itself because S3Proxy sends no bucket notifications: this stands in for S3's
 * notification to SQS, and the worker cannot tell the difference.
 */
public final class S3Notification {

    private static final ObjectMapper JSON = new ObjectMapper();

    private S3Notification() {}

    public static String objectCreated(
            String region, String bucket, String key, long size, String eTag, Instant time, long sequence) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode record = root.putArray("Records").addObject();
        record.put("eventVersion", "2.1")
                .put("eventSource", "aws:s3")
                .put("awsRegion", region)
                .put("eventTime", time.toString())
                .put("eventName", "ObjectCreated:Put");
        record.putObject("userIdentity").put("principalId", "AWS:EBBLOCAL");
        record.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
        record.putObject("responseElements")
                .put("x-amz-request-id", "EBBLOCAL" + sequence)
                .put("x-amz-id-2", "ebb-local");
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0").put("configurationId", "ebb-local");
        s3.putObject("bucket")
                .put("name", bucket)
                .put("arn", "arn:aws:s3:::" + bucket)
                .putObject("ownerIdentity")
                .put("principalId", "EBBLOCAL");
        s3.putObject("object")
                .put("key", encodeKey(key))
                .put("size", size)
                .put("eTag", eTag)
                .put("sequencer", HexFormat.of().withUpperCase().toHexDigits(sequence));
        return root.toString();
    }

    /** How S3 writes keys into event notifications: application/x-www-form-urlencoded. */
    public static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8);
    }
}
