package dev.ebb.worker.aws;

import io.vertx.core.json.JsonObject;
import java.util.Optional;

/** The source queue's {@code RedrivePolicy} attribute: where messages go after too many receives. */
public record RedrivePolicy(String deadLetterTargetArn, int maxReceiveCount) {

    public static Optional<RedrivePolicy> parse(String json) {
        try {
            JsonObject o = new JsonObject(json);
            Object max = o.getValue("maxReceiveCount");
            int count = max instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(max));
            String arn = o.getString("deadLetterTargetArn");
            return arn == null ? Optional.empty() : Optional.of(new RedrivePolicy(arn, count));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
