package dev.ebb.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class EnvReaderTest {

    @ParameterizedTest(name = "X={0} -> {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            value = {
                // value  | read     (null: a problem, and the default stands)
                "true     | true",
                "TRUE     | true",
                " on      | true",
                "1        | true",
                "false    | false",
                "Off      | false",
                "0        | false",
                "''       | false", // unset or blank: the default
                "yes      | null", // once silently false in the controller: now a problem, never a guess
                "no       | null",
                "ture     | null",
                "2        | null",
                "enabled  | null"
            })
    void booleansAreOneSetAndAnythingElseIsAProblem(String value, Boolean expected) {
        EnvReader r = new EnvReader(Map.of("X", value));
        boolean read = r.bool("X", false);
        if (expected == null) {
            assertThat(r.problems())
                    .containsExactly("X='" + value.trim()
                            + "' is not allowed (allowed: true, false, on, off, 1 or 0, any case)");
            assertThat(read).as("the default stands in").isFalse();
        } else {
            assertThat(r.problems()).isEmpty();
            assertThat(read).isEqualTo(expected);
        }
    }

    static Stream<Arguments> values() {
        return Stream.of(
                // reader                                                       value              read, or the
                // problem's "allowed"
                row(r -> r.integer("X", 7, 1, 10), "3", 3),
                row(r -> r.integer("X", 7, 1, 10), "", 7),
                row(r -> r.integer("X", 7, 1, 10), "11", "a whole number from 1 to 10"),
                row(r -> r.integer("X", 7, 1, 10), "three", "a whole number from 1 to 10"),
                row(r -> r.whole("X", 5, 1, Long.MAX_VALUE), "0", "a whole number from 1 up"),
                row(r -> r.decimal("X", 0.125, 192, "the task's vCPUs"), "0.5", OptionalDouble.of(0.5)),
                row(r -> r.decimal("X", 0.125, 192, "the task's vCPUs"), "", OptionalDouble.empty()),
                row(
                        r -> r.decimal("X", 0.125, 192, "the task's vCPUs"),
                        "0.1",
                        "the task's vCPUs, a number from 0.125 to 192"),
                row(
                        r -> r.decimal("X", 0.125, 192, "the task's vCPUs"),
                        "NaN",
                        "the task's vCPUs, a number from 0.125 to 192"),
                row(r -> r.seconds("X", 60, 0, 3600), "90", Duration.ofSeconds(90)),
                row(r -> r.seconds("X", 60, 0, 3600), "1m", "a whole number from 0 to 3600"),
                row(r -> r.millis("X", 200, 1, 60_000), "250", Duration.ofMillis(250)),
                row(r -> r.list("X"), " a, b ,,c ", List.of("a", "b", "c")),
                row(r -> r.list("X"), "", List.of()),
                row(r -> r.endpoint("X"), "http://127.0.0.1:9324", Optional.of(URI.create("http://127.0.0.1:9324"))),
                row(
                        r -> r.endpoint("X"),
                        "https://ecs.eu-west-1.amazonaws.com",
                        Optional.of(URI.create("https://ecs.eu-west-1.amazonaws.com"))),
                row(
                        r -> r.endpoint("X"),
                        "localhost:9000",
                        "an http:// or https:// URL with a host, e.g. http://localhost:9324"),
                row(
                        r -> r.endpoint("X"),
                        "ftp://host",
                        "an http:// or https:// URL with a host, e.g. http://localhost:9324"),
                row(
                        r -> r.endpoint("X"),
                        "http://",
                        "an http:// or https:// URL with a host, e.g. http://localhost:9324"),
                row(
                        r -> r.endpoint("X"),
                        "http://a b",
                        "an http:// or https:// URL with a host, e.g. http://localhost:9324"),
                row(r -> r.region("X"), "eu-west-1", Optional.of("eu-west-1")),
                row(r -> r.region("X"), "us-gov-west-1", Optional.of("us-gov-west-1")),
                row(r -> r.region("X"), "Ireland", "an AWS region name, e.g. eu-west-1"),
                row(r -> r.region("X"), "eu-west", "an AWS region name, e.g. eu-west-1"),
                row(r -> r.parsed("X", "fit", EnvReaderTest::mode, "fit or fill"), "fill", "fill"),
                row(r -> r.parsed("X", "fit", EnvReaderTest::mode, "fit or fill"), "", "fit"),
                row(r -> r.parsed("X", "fit", EnvReaderTest::mode, "fit or fill"), "stretch", "fit or fill"));
    }

    static Arguments row(Function<EnvReader, Object> reader, String value, Object expected) {
        return Arguments.of(reader, value, expected);
    }

    @ParameterizedTest(name = "[{index}] X={1} -> {2}")
    @MethodSource("values")
    void readsTypedValuesOrNamesTheVariableTheValueAndWhatIsAllowed(
            Function<EnvReader, Object> reader, String value, Object expected) {
        EnvReader r = new EnvReader(Map.of("X", value));
        Object read = reader.apply(r);
        if (expected instanceof String allowed && !(read instanceof String)) {
            assertThat(r.problems())
                    .containsExactly("X='" + value.trim() + "' is not allowed (allowed: " + allowed + ")");
        } else {
            assertThat(r.problems()).isEmpty();
            assertThat(read).isEqualTo(expected);
        }
    }

    private static String mode(String s) {
        if (!s.equals("fit") && !s.equals("fill")) {
            throw new IllegalArgumentException(s);
        }
        return s;
    }

    @Test
    void everyProblemIsCollectedAndReportedTogether() {
        EnvReader r = new EnvReader(Map.of("A", "maybe", "B", "-1", "C", "not a url"));
        r.required("QUEUE", "the queue's URL");
        r.bool("A", false);
        r.integer("B", 1, 0, 10);
        r.endpoint("C");
        r.problem("B must be at least A");

        assertThat(r.problems())
                .hasSize(5)
                .satisfiesExactly(
                        p -> assertThat(p).isEqualTo("QUEUE is not set (required: the queue's URL)"),
                        p -> assertThat(p).startsWith("A='maybe'"),
                        p -> assertThat(p).startsWith("B='-1'"),
                        p -> assertThat(p).startsWith("C='not a url'"),
                        p -> assertThat(p).isEqualTo("B must be at least A"));
    }

    @Test
    void theFirstRegionVariableSetWins() {
        assertThat(new EnvReader(Map.of("AWS_DEFAULT_REGION", "eu-west-1")).awsRegion())
                .contains("eu-west-1");
        assertThat(new EnvReader(Map.of("AWS_REGION", "us-east-1", "AWS_DEFAULT_REGION", "eu-west-1")).awsRegion())
                .contains("us-east-1");
        assertThat(new EnvReader(Map.of()).region("AWS_REGION")).isEmpty();
    }

    @Test
    void awsEndpointsFollowTheSdkConventionAndABadCommonOneIsReportedOnce() {
        EnvReader r = new EnvReader(
                Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:5000", "AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:9324"));
        assertThat(r.awsEndpoint("SQS")).contains(URI.create("http://127.0.0.1:9324"));
        assertThat(r.awsEndpoint("ECS")).contains(URI.create("http://127.0.0.1:5000"));

        EnvReader bad = new EnvReader(Map.of("AWS_ENDPOINT_URL", "127.0.0.1:5000"));
        bad.awsEndpoint("SQS");
        bad.awsEndpoint("ECS");
        assertThat(bad.problems()).singleElement().asString().startsWith("AWS_ENDPOINT_URL='127.0.0.1:5000'");
    }

    @Test
    void blankIsUnsetAndValuesAreTrimmed() {
        EnvReader r = new EnvReader(Map.of("A", "  ", "B", " x "));
        assertThat(r.optional("A")).isEmpty();
        assertThat(r.string("A", "d")).isEqualTo("d");
        assertThat(r.required("B", "b")).isEqualTo("x");
        assertThat(r.problems()).isEmpty();
    }
}
