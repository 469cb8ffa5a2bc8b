package dev.ebb.worker.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** S3 event notification bodies as S3 (and SNS) write them: keys form-URL-encoded. */
public final class Events {

    private Events() {}

    public record Obj(String bucket, String key, long size) {}

    public static String created(String bucket, String key, long size) {
        return created(List.of(new Obj(bucket, key, size)));
    }

    public static String created(List<Obj> objects) {
        JsonArray records = new JsonArray();
        for (Obj o : objects) {
            records.add(new JsonObject()
                    .put("eventVersion", "2.1")
                    .put("eventSource", "aws:s3")
                    .put("awsRegion", "us-east-1")
                    .put("eventTime", "2026-11-28T06:00:00.000Z")
                    .put("eventName", "ObjectCreated:Put")
                    .put(
                            "s3",
                            new JsonObject()
                                    .put("s3SchemaVersion", "1.0")
                                    .put("configurationId", "ebb")
                                    .put(
                                            "bucket",
                                            new JsonObject()
                                                    .put("name", o.bucket())
                                                    .put("arn", "arn:aws:s3:::" + o.bucket()))
                                    .put(
                                            "object",
                                            new JsonObject()
                                                    .put("key", encode(o.key()))
                                                    .put("size", o.size())
                                                    .put("eTag", "0123456789abcdef")
                                                    .put("sequencer", "0055AED6DCD90281E5"))));
        }
        return new JsonObject().put("Records", records).encode();
    }

    public static String testEvent(String bucket) {
        return new JsonObject()
                .put("Service", "Amazon S3")
                .put("Event", "s3:TestEvent")
                .put("Time", "2026-11-28T06:00:00.000Z")
                .put("Bucket", bucket)
                .put("RequestId", "5582815E1AEA5ADF")
                .put("HostId", "8cLeGAmw")
                .encode();
    }

    public static String viaSns(String s3Event) {
        return new JsonObject()
                .put("Type", "Notification")
                .put("MessageId", "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324")
                .put("TopicArn", "arn:aws:sns:us-east-1:000000000000:uploads")
                .put("Subject", "Amazon S3 Notification")
                .put("Message", s3Event)
                .put("Timestamp", "2026-11-28T06:00:00.000Z")
                .put("SignatureVersion", "1")
                .encode();
    }

    /** How S3 encodes keys in events: application/x-www-form-urlencoded (space as +, + as %2B). */
    public static String encode(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8);
    }
}
