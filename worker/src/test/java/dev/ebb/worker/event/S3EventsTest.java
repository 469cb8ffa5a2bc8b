package dev.ebb.worker.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class S3EventsTest {

    static String record(String eventName, String bucket, String encodedKey, String sizeJson) {
        return "{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"us-east-1\",\"eventTime\":\"2026-11-28T06:00:00.000Z\","
                + "\"eventName\":\"" + eventName + "\",\"s3\":{\"s3SchemaVersion\":\"1.0\",\"bucket\":{\"name\":\""
                + bucket + "\"},"
                + "\"object\":{\"key\":\"" + encodedKey + "\"" + sizeJson + ",\"eTag\":\"abc\",\"sequencer\":\"01\"}}}";
    }

    static String event(String... records) {
        return "{\"Records\":[" + String.join(",", records) + "]}";
    }

    static String sns(String inner) {
        return "{\"Type\":\"Notification\",\"MessageId\":\"1\",\"Message\":" + io.vertx.core.json.Json.encode(inner)
                + "}";
    }

    static final String TEST_EVENT = "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Bucket\":\"b\"}";

    /** body, expected decoded key of the first record (or the kind of result) */
    static Stream<Arguments> keys() {
        return Stream.of(
                Arguments.of("plain.jpg", "plain.jpg"),
                Arguments.of("a+b.jpg", "a b.jpg"),
                Arguments.of("a%2Bb.jpg", "a+b.jpg"),
                Arguments.of("dir%2Fsub%2Fx.jpg", "dir/sub/x.jpg"),
                Arguments.of("dir/sub/x.jpg", "dir/sub/x.jpg"),
                Arguments.of("%C3%B1and%C3%BA+%C3%BC.jpg", "ñandú ü.jpg"),
                Arguments.of("%E5%86%99%E7%9C%9F.JPG", "写真.JPG"),
                Arguments.of("100%25.jpg", "100%.jpg"),
                Arguments.of("folder%2F", "folder/"));
    }

    @ParameterizedTest
    @MethodSource("keys")
    void keysAreUrlDecodedAsS3EncodesThem(String encoded, String decoded) {
        ParsedBody parsed = S3Events.parse(event(record("ObjectCreated:Put", "b", encoded, ",\"size\":10")));
        assertThat(parsed).isInstanceOf(ParsedBody.Records.class);
        assertThat(((ParsedBody.Records) parsed).records().getFirst().key()).isEqualTo(decoded);
    }

    static Stream<Arguments> bodies() {
        String one = record("ObjectCreated:Put", "src", "a.jpg", ",\"size\":10");
        String two = record("ObjectCreated:CompleteMultipartUpload", "src", "b.png", ",\"size\":20");
        return Stream.of(
                Arguments.of("one record", event(one), "records:1"),
                Arguments.of("several records", event(one, two, one), "records:3"),
                Arguments.of("S3 test event", TEST_EVENT, "test"),
                Arguments.of("SNS-wrapped event", sns(event(one, two)), "records:2"),
                Arguments.of("SNS-wrapped test event", sns(TEST_EVENT), "test"),
                Arguments.of("SNS wrapped twice", sns(sns(event(one))), "malformed"),
                Arguments.of("SNS without Message", "{\"Type\":\"Notification\"}", "malformed"),
                Arguments.of("not JSON", "hello", "malformed"),
                Arguments.of("JSON array", "[1,2]", "malformed"),
                Arguments.of("empty body", "", "malformed"),
                Arguments.of("JSON without Records", "{\"a\":1}", "malformed"),
                Arguments.of("Records not an array", "{\"Records\":{}}", "malformed"),
                Arguments.of("empty Records", "{\"Records\":[]}", "malformed"),
                Arguments.of("record without s3", "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\"}]}", "malformed"),
                Arguments.of("record with empty key", event(record("ObjectCreated:Put", "src", "", "")), "malformed"),
                Arguments.of(
                        "key with a broken escape",
                        event(record("ObjectCreated:Put", "src", "a%zz.jpg", "")),
                        "malformed"),
                Arguments.of(
                        "removal event still parses",
                        event(record("ObjectRemoved:Delete", "src", "a.jpg", "")),
                        "records:1"));
    }

    private static String kind(ParsedBody parsed) {
        return switch (parsed) {
            case ParsedBody.Records r -> "records:" + r.records().size();
            case ParsedBody.TestEvent t -> "test";
            case ParsedBody.Malformed m -> {
                assertThat(m.detail()).as("a malformed body says why").isNotBlank();
                yield "malformed";
            }
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void bodiesAreClassified(String what, String body, String expected) {
        assertThat(kind(S3Events.parse(body))).isEqualTo(expected);
    }

    /** A body cut short anywhere (no JSON object survives losing its end) is malformed with a reason, never an exception. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void everyTruncatedBodyIsMalformedNotThrown(String what, String body, String expected) {
        assertThat(kind(S3Events.parse(body))).isEqualTo(expected);
        for (int length = 0; length < body.length(); length++) {
            String cut = body.substring(0, length);
            assertThat(kind(S3Events.parse(cut)))
                    .as("the first %d characters of %s", length, what)
                    .isEqualTo("malformed");
        }
    }

    @org.junit.jupiter.api.Test
    void recordsCarryWhatTheEventSays() {
        var r = ((ParsedBody.Records) S3Events.parse(event(
                        record("ObjectCreated:Put", "src", "x%2F", ",\"size\":0"),
                        record("ObjectRemoved:Delete", "src", "y.jpg", ""))))
                .records();
        assertThat(r.get(0))
                .isEqualTo(new ObjectEvent(
                        "ObjectCreated:Put", "src", "x/", Optional.of(0L), Optional.of("abc"), Optional.empty()));
        assertThat(r.get(0).isFolderMarker()).isTrue();
        assertThat(r.get(0).isObjectCreated()).isTrue();
        assertThat(r.get(1).isObjectCreated()).isFalse();
        assertThat(r.get(1).size()).isEmpty();
    }
}
