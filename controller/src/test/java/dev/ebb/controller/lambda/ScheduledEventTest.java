package dev.ebb.controller.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduledEventTest {

    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07.891Z");

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        {"version":"0","id":"x","detail-type":"Scheduled Event","source":"aws.events","time":"2026-01-01T12:00:00Z","resources":["arn:r"],"detail":{}} | 2026-01-01T12:00:00Z
        {"detail":{"time":"1999-01-01T00:00:00Z"},"time":"2026-01-01T12:02:00Z"}                                                                     | 2026-01-01T12:02:00Z
        {}                                                                                                                                          | 2026-03-04T05:06:07Z
        {"time":"yesterday"}                                                                                                                        | 2026-03-04T05:06:07Z
        not json                                                                                                                                    | 2026-03-04T05:06:07Z
        []                                                                                                                                          | 2026-03-04T05:06:07Z
        """)
    void takesTheTickFromTheEventElseNowToTheSecond(String json, Instant expected) {
        assertThat(ScheduledEvent.time(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), NOW)).isEqualTo(expected);
    }
}
