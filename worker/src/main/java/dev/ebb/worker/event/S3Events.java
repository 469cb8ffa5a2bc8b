package dev.ebb.worker.event;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.eventnotifications.s3.model.S3EventNotification;
import software.amazon.awssdk.eventnotifications.s3.model.S3EventNotificationRecord;
import software.amazon.awssdk.eventnotifications.s3.model.S3Object;

/**
 * Parses an SQS message body into object records with the SDK's {@code s3-event-notifications}
 * model. Accepts S3's own body, the same body wrapped in an SNS notification (S3 → SNS → SQS
 * fan-out without raw delivery), and the test event. Never throws: anything else is
 * {@link ParsedBody.Malformed} with a reason a person can act on.
 */
public final class S3Events {

    private S3Events() {}

    public static ParsedBody parse(String body) {
        return parse(body, true);
    }

    private static ParsedBody parse(String body, boolean snsAllowed) {
        JsonObject json;
        try {
            json = body == null ? null : new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            return new ParsedBody.Malformed("the body is not a JSON object");
        }
        if (json == null) {
            return new ParsedBody.Malformed("the body is empty");
        }
        if ("s3:TestEvent".equals(json.getValue("Event"))) {
            return new ParsedBody.TestEvent();
        }
        if (snsAllowed
                && "Notification".equals(json.getValue("Type"))
                && json.getValue("Message") instanceof String inner) {
            return parse(inner, false);
        }
        if (!(json.getValue("Records") instanceof JsonArray)) {
            return new ParsedBody.Malformed("no 'Records' array: not an S3 event notification");
        }
        try {
            return records(S3EventNotification.fromJson(body));
        } catch (RuntimeException e) {
            return new ParsedBody.Malformed("the S3 event could not be read: " + e.getMessage());
        }
    }

    private static ParsedBody records(S3EventNotification event) {
        List<S3EventNotificationRecord> raw = event.getRecords();
        if (raw == null || raw.isEmpty()) {
            return new ParsedBody.Malformed("the S3 event has no records");
        }
        List<ObjectEvent> records = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            S3EventNotificationRecord r = raw.get(i);
            if (r == null
                    || r.getS3() == null
                    || r.getS3().getBucket() == null
                    || r.getS3().getObject() == null
                    || r.getEventName() == null) {
                return new ParsedBody.Malformed("record " + i + " names no eventName, bucket or object");
            }
            S3Object object = r.getS3().getObject();
            String bucket = r.getS3().getBucket().getName();
            if (bucket == null
                    || bucket.isEmpty()
                    || object.getKey() == null
                    || object.getKey().isEmpty()) {
                return new ParsedBody.Malformed("record " + i + " has an empty bucket name or key");
            }
            String key;
            try {
                key = object.getUrlDecodedKey();
            } catch (IllegalArgumentException e) {
                return new ParsedBody.Malformed(
                        "record " + i + " has a key that is not URL-encoded: " + object.getKey());
            }
            records.add(new ObjectEvent(
                    r.getEventName(),
                    bucket,
                    key,
                    Optional.ofNullable(object.getSizeAsLong()),
                    Optional.ofNullable(object.getETag()).filter(s -> !s.isEmpty()),
                    Optional.ofNullable(object.getVersionId()).filter(s -> !s.isEmpty())));
        }
        return new ParsedBody.Records(List.copyOf(records));
    }
}
