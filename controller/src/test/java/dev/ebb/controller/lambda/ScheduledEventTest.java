package dev.ebb.controller.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
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
        assertThat(ScheduledEvent.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))
                        .tickOr(NOW))
                .isEqualTo(expected);
    }

    /** The stack's schedule sends the per-tick settings; only those may override the function's environment. */
    @Test
    void theSchedulesSettingsGoOverTheEnvironmentAndNothingElseDoes() {
        String json = """
                {"time": "2026-01-01T12:00:00Z", "environment": {"EBB_DRY_RUN": "true", "EBB_SUBNETS": "subnet-a,subnet-b",
                 "EBB_QUEUE_URL": "http://elsewhere", "EBB_SECURITY_GROUPS": {"nested": 1}}}""";
        ScheduledEvent event = ScheduledEvent.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));

        assertThat(event.tickOr(NOW)).isEqualTo(Instant.parse("2026-01-01T12:00:00Z"));
        assertThat(event.over(Map.of("EBB_QUEUE_URL", "http://q", "EBB_DRY_RUN", "false")))
                .isEqualTo(
                        Map.of("EBB_QUEUE_URL", "http://q", "EBB_DRY_RUN", "true", "EBB_SUBNETS", "subnet-a,subnet-b"));
    }
}
