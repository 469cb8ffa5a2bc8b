package dev.ebb.worker.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.worker.errorhandler.Failure;
import dev.ebb.worker.errorhandler.Verdict;
import dev.ebb.worker.event.ObjectEvent;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VerdictsTest {

    static final ObjectEvent E =
            new ObjectEvent("ObjectCreated:Put", "b", "k.jpg", Optional.empty(), Optional.empty(), Optional.empty());
    static final RecordResult DONE = new RecordResult.Done(E, List.of("64x64/k.jpg"), RecordResult.Timings.NONE);
    static final RecordResult SKIPPED = new RecordResult.Skipped(E, "folder_marker");
    static final RecordResult CORRUPT =
            new RecordResult.Failed(E, new Failure.Permanent("corrupt", "x"), RecordResult.Timings.NONE);
    static final RecordResult MISSING =
            new RecordResult.Failed(E, new Failure.Permanent("source_missing", "x"), RecordResult.Timings.NONE);
    static final RecordResult THROTTLED =
            new RecordResult.Failed(E, new Failure.Transient("throttled", "x"), RecordResult.Timings.NONE);
    static final RecordResult NO_DEST = new RecordResult.Failed(
            E, new Failure.Configuration("destination_missing", "x"), RecordResult.Timings.NONE);

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(List.of(DONE), "delete"),
                Arguments.of(List.of(DONE, DONE, SKIPPED), "delete"),
                Arguments.of(List.of(SKIPPED), "delete"),
                Arguments.of(List.of(), "delete"),
                Arguments.of(List.of(CORRUPT), "dead_letter:corrupt"),
                Arguments.of(List.of(DONE, CORRUPT), "dead_letter:corrupt"),
                Arguments.of(List.of(MISSING, CORRUPT), "dead_letter:source_missing"),
                Arguments.of(List.of(THROTTLED), "retry:throttled"),
                Arguments.of(List.of(DONE, THROTTLED), "retry:throttled"),
                // a transient failure wins: the whole message comes back, and the permanent one is judged again then
                Arguments.of(List.of(CORRUPT, THROTTLED), "retry:throttled"),
                // a configuration fault wins over everything: no image is to blame, nothing is dead-lettered
                Arguments.of(List.of(NO_DEST), "stop:destination_missing"),
                Arguments.of(List.of(CORRUPT, NO_DEST), "stop:destination_missing"),
                Arguments.of(List.of(THROTTLED, DONE, NO_DEST), "stop:destination_missing"));
    }

    @ParameterizedTest
    @MethodSource("table")
    void decides(List<RecordResult> results, String expected) {
        String got = switch (Verdicts.of(results)) {
            case Verdict.Delete d -> "delete";
            case Verdict.DeadLetter dl -> "dead_letter:" + dl.reason();
            case Verdict.Retry r -> "retry:" + r.reason();
            case Verdict.Stop st -> "stop:" + st.cause().reason();
        };
        assertThat(got).isEqualTo(expected);
    }
}
