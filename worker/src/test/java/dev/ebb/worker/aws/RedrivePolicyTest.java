package dev.ebb.worker.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedrivePolicyTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:1:q-dlq\",\"maxReceiveCount\":\"5\"} | 5",
                "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:1:q-dlq\",\"maxReceiveCount\":7}   | 7",
                "{\"maxReceiveCount\":7}                                                             | -1",
                "not json                                                                            | -1"
            })
    void readsBothSpellingsOfTheCount(String json, int max) {
        Optional<RedrivePolicy> p = RedrivePolicy.parse(json);
        assertThat(p.map(RedrivePolicy::maxReceiveCount).orElse(-1)).isEqualTo(max);
    }
}
