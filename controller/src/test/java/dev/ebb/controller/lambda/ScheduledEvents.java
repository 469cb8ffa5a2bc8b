package dev.ebb.controller.lambda;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** What EventBridge's schedule hands the Lambda, for the handler's ITs. */
final class ScheduledEvents {

    private ScheduledEvents() {}

    static ByteArrayInputStream at(Instant tick) {
        String json = """
                {"version":"0","id":"%s","detail-type":"Scheduled Event","source":"aws.events","account":"000000000000",
                 "time":"%s","region":"us-east-1","resources":["arn:aws:events:us-east-1:000000000000:rule/ebb"],"detail":{}}""".formatted(UUID.randomUUID(), tick);
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }
}
