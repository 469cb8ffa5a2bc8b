package dev.ebb.worker.poison;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * "Attempt {@code attempt} at this message started on {@code worker}": written before a
 * re-delivered message is processed, deleted when it ends in any orderly way. Found again on a
 * later receive, it means the worker that held the message died with it. {@code crashes} counts
 * the earlier such deaths already seen; {@code alone} says the attempt ran with no other message
 * in its worker.
 */
public record AttemptMarker(int attempt, int crashes, boolean alone, String worker, String started) {

    public byte[] toBytes() {
        return new JsonObject()
                .put("attempt", attempt)
                .put("crashes", crashes)
                .put("alone", alone)
                .put("worker", worker)
                .put("started", started)
                .encode()
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Empty when the object is not a marker this worker wrote (then it proves nothing). */
    public static Optional<AttemptMarker> parse(byte[] bytes) {
        try {
            JsonObject o = new JsonObject(new String(bytes, StandardCharsets.UTF_8));
            Integer attempt = o.getInteger("attempt");
            Integer crashes = o.getInteger("crashes");
            if (attempt == null || crashes == null || attempt < 1 || crashes < 0) {
                return Optional.empty();
            }
            return Optional.of(new AttemptMarker(
                    attempt,
                    crashes,
                    o.getBoolean("alone", false),
                    o.getString("worker", "?"),
                    o.getString("started", "?")));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
