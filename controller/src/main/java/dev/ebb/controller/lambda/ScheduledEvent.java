package dev.ebb.controller.lambda;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the controller needs from its scheduled invocation: {@code time}, the tick it belongs to,
 * and {@code environment}, the settings the stack's schedule hands over with every tick (its
 * input transformer in ebb.yaml) because a published Lambda version would freeze them. Read with
 * the streaming parser: no databind, no reflection, quick cold start.
 *
 * @param environment only the variables of {@link #PER_TICK}; others are ignored
 */
record ScheduledEvent(Optional<Instant> time, Map<String, String> environment) {

    /** The settings a stack parameter changes without a new jar. */
    static final Set<String> PER_TICK =
            Set.of("EBB_DRY_RUN", "EBB_SUBNETS", "EBB_SECURITY_GROUPS", "EBB_ASSIGN_PUBLIC_IP");

    private static final JsonFactory JSON = new JsonFactory();

    /** The event's time, or {@code now} to the second if the input has none (a manual test invoke). */
    Instant tickOr(Instant now) {
        return time.orElse(now.truncatedTo(ChronoUnit.SECONDS));
    }

    /** {@code env} with this tick's settings over it. */
    Map<String, String> over(Map<String, String> env) {
        if (environment.isEmpty()) {
            return env;
        }
        Map<String, String> merged = new HashMap<>(env);
        merged.putAll(environment);
        return Map.copyOf(merged);
    }

    static ScheduledEvent read(InputStream input) {
        Optional<Instant> time = Optional.empty();
        Map<String, String> environment = new HashMap<>();
        try (JsonParser p = JSON.createParser(input)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return new ScheduledEvent(time, Map.of());
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("time".equals(name) && value == JsonToken.VALUE_STRING) {
                    time = parse(p.getText());
                } else if ("environment".equals(name) && value == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String variable = p.currentName();
                        if (p.nextToken() == JsonToken.VALUE_STRING && PER_TICK.contains(variable)) {
                            environment.put(variable, p.getText());
                        } else {
                            p.skipChildren();
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            // what was read so far stands; an unreadable event is a manual invoke
        }
        return new ScheduledEvent(time, Map.copyOf(environment));
    }

    private static Optional<Instant> parse(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
