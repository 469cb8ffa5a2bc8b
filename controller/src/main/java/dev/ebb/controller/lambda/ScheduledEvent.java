package dev.ebb.controller.lambda;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The one field the controller needs from an EventBridge scheduled event: {@code time}, the tick
 * it belongs to. Read with the streaming parser: no databind, no reflection, quick cold start.
 */
final class ScheduledEvent {

    private static final JsonFactory JSON = new JsonFactory();

    private ScheduledEvent() {}

    /** The event's time, or {@code now} to the second if the input has none (a manual test invoke). */
    static Instant time(InputStream input, Instant now) {
        return readTime(input).orElse(now.truncatedTo(ChronoUnit.SECONDS));
    }

    private static Optional<Instant> readTime(InputStream input) {
        try (JsonParser p = JSON.createParser(input)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("time".equals(name) && value == JsonToken.VALUE_STRING) {
                    return Optional.of(Instant.parse(p.getText()));
                }
                p.skipChildren();
            }
            return Optional.empty();
        } catch (IOException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
