package dev.ebb.controller.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestionsTest {

    private static final List<String> KEYS = List.of("minTasks", "maxTasks", "paused", "countInFlight", "scaleDown");

    @ParameterizedTest
    @CsvSource(
            nullValues = "none",
            value = {
                "maxTask, maxTasks",
                "MaxTasks, maxTasks",
                "mintasks, minTasks",
                "pause, paused",
                "countInflight, countInFlight",
                "scale_down, scaleDown",
                "foo, none",
                "replicas, none",
            })
    void suggestsOnlyCloseWords(String typed, String expected) {
        assertThat(Suggestions.closest(typed, KEYS).orElse(null)).isEqualTo(expected);
    }
}
