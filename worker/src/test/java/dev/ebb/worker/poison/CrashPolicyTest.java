package dev.ebb.worker.poison;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CrashPolicyTest {

    /**
     * receive count × what is under the marker key × the redrive's maxReceiveCount → plan.
     * marker: {@code absent}, {@code unavailable}, or {@code attempt/crashes} of a marker found.
     * plan: {@code proceed} (nothing written), {@code proceed+mark}, {@code alone}, {@code alone-last}
     * (the redrive takes it if this attempt dies too), {@code dead_letter}.
     */
    @ParameterizedTest(name = "receive {0}, marker {1}, maxReceiveCount {2} -> {3}")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                // receive | marker      | max | plan
                "1         | absent      | 5   | proceed", // the common path: nothing read, nothing written
                "1         | 1/0         | 5   | proceed", // a first receive has no earlier attempt to blame
                "2         | absent      | 5   | proceed+mark", // re-delivered: a retry, a release or a death; mark it,
                // process it
                "5         | absent      | 5   | proceed+mark", // never dead-lettered on its count alone, not even on
                // the last receive
                "9         | absent      | -   | proceed+mark", // no redrive policy (EBB_DLQ_URL only)
                "3         | unavailable | 5   | proceed+mark", // a store that cannot be read proves nothing: process
                // it
                "3         | 2/0         | 5   | alone", // its worker died on receive 2: rule out a crowded worker
                "3         | 1/0         | 5   | alone", // any earlier attempt's marker is a death
                "5         | 4/0         | 5   | alone-last", // the first death seen on the last receive: alone anyway,
                // never burned on one
                "3         | 2/0         | 3   | alone-last",
                "4         | 2/0         | -   | alone",
                "4         | 3/1         | 5   | dead_letter", // it killed a worker while alone: the second death
                "5         | 4/1         | 5   | dead_letter",
                "7         | 6/3         | -   | dead_letter",
                "3         | 3/0         | 5   | proceed", // this receive's own count: another worker holds it now;
                // leave its marker
                "3         | 4/1         | 5   | proceed"
            }) // a count that lags behind the marker's: proves nothing
    void decides(int receiveCount, String marker, Integer max, String expected) {
        MarkerState state = switch (marker) {
            case "absent" -> new MarkerState.Absent();
            case "unavailable" -> new MarkerState.Unavailable("503 SlowDown");
            default -> {
                String[] ac = marker.split("/");
                int crashes = Integer.parseInt(ac[1]);
                yield new MarkerState.Found(
                        new AttemptMarker(Integer.parseInt(ac[0]), crashes, crashes > 0, "7@ip-10-0-1-2", "t0"));
            }
        };
        CrashPolicy.Plan plan = CrashPolicy.decide(
                receiveCount, state, max == null ? OptionalInt.empty() : OptionalInt.of(max), "9@ip-10-0-3-4", "t1");
        String got = switch (plan) {
            case CrashPolicy.Plan.Proceed p -> p.mark().isPresent() ? "proceed+mark" : "proceed";
            case CrashPolicy.Plan.Alone a -> a.lastReceive() ? "alone-last" : "alone";
            case CrashPolicy.Plan.DeadLetter d -> "dead_letter";
        };
        assertThat(got).isEqualTo(expected);
        switch (plan) {
            case CrashPolicy.Plan.Proceed p ->
                p.mark()
                        .ifPresent(m -> assertThat(m)
                                .isEqualTo(new AttemptMarker(receiveCount, 0, false, "9@ip-10-0-3-4", "t1")));
            case CrashPolicy.Plan.Alone a -> {
                assertThat(a.mark()).isEqualTo(new AttemptMarker(receiveCount, 1, true, "9@ip-10-0-3-4", "t1"));
                assertThat(a.detail()).contains("receive " + marker.split("/")[0], "7@ip-10-0-1-2");
            }
            case CrashPolicy.Plan.DeadLetter d ->
                assertThat(d.detail()).contains("died", "again on receive " + marker.split("/")[0], "7@ip-10-0-1-2");
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"attempt\":3,\"crashes\":1,\"alone\":true,\"worker\":\"w\",\"started\":\"s\"} | 3/1/true",
                "{\"attempt\":2,\"crashes\":0}                                                  | 2/0/false",
                "{\"attempt\":0,\"crashes\":0}                                                  | none",
                "{\"attempt\":2,\"crashes\":-1}                                                 | none",
                "{\"crashes\":1}                                                                | none",
                "not json                                                                       | none",
                "[1,2]                                                                          | none"
            })
    void readsOnlyItsOwnMarkers(String text, String expected) {
        Optional<AttemptMarker> m = AttemptMarker.parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(m.map(x -> x.attempt() + "/" + x.crashes() + "/" + x.alone()).orElse("none"))
                .isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void aMarkerSurvivesItsRoundTrip() {
        AttemptMarker m = new AttemptMarker(4, 1, true, "12@ip-10-0-1-2.ec2.internal", "2026-11-29T16:00:00Z");
        assertThat(AttemptMarker.parse(m.toBytes())).contains(m);
    }
}
