package dev.ebb.local.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.image.spec.OutputSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccountingTest {

    private static final List<OutputSpec> SPECS = List.of(OutputSpec.fit(224, 224), OutputSpec.fit(299, 299));

    private static Map.Entry<String, Accounting.Output> out(String key) {
        return Map.entry(key, new Accounting.Output(key, 100, 10, 10));
    }

    @Test
    void everyInputIsProcessedFailedOrUnaccounted() {
        Map<String, Accounting.Output> outputs = Map.ofEntries(
                out("224x224/a.jpg"),
                out("299x299/a.jpg"),
                out("224x224/half.jpg"),
                out("224x224/dir/cat.png.jpg"),
                out("299x299/dir/cat.png.jpg"));
        List<DeadLetter> dead = List.of(
                new DeadLetter("bad.jpg", "corrupt", "truncated"), new DeadLetter("half.jpg", "aws_rejected", "400"));

        Accounting.Result r =
                Accounting.of(List.of("a.jpg", "dir/cat.png", "bad.jpg", "half.jpg", "lost.jpg"), SPECS, outputs, dead);

        assertThat(r.entries())
                .extracting(Accounting.Entry::key, Accounting.Entry::status, Accounting.Entry::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a.jpg", "processed", null),
                        org.assertj.core.groups.Tuple.tuple("dir/cat.png", "processed", null),
                        org.assertj.core.groups.Tuple.tuple("bad.jpg", "failed", "corrupt"),
                        org.assertj.core.groups.Tuple.tuple("half.jpg", "failed", "aws_rejected"));
        assertThat(r.entries().get(1).outputs())
                .extracting(Accounting.Output::key)
                .containsExactly("224x224/dir/cat.png.jpg", "299x299/dir/cat.png.jpg");
        assertThat(r.entries().get(3).outputs()).hasSize(1);
        assertThat(r.unaccounted()).containsExactly("lost.jpg: no output and not in the dead-letter queue");
        assertThat(r.processed()).isEqualTo(2);
        assertThat(r.failed()).isEqualTo(2);
        assertThat(r.failedByReason()).containsExactly(Map.entry("aws_rejected", 1L), Map.entry("corrupt", 1L));
    }

    @Test
    void aCompleteSetOfOutputsWinsOverAnOlderDeadLetter() {
        // processed after a crash by another worker while an earlier copy was dead-lettered: the outputs prove it
        Accounting.Result r = Accounting.of(
                List.of("a.jpg"),
                SPECS,
                Map.ofEntries(out("224x224/a.jpg"), out("299x299/a.jpg")),
                List.of(new DeadLetter("a.jpg", "redriven", "")));

        assertThat(r.entries())
                .singleElement()
                .extracting(Accounting.Entry::status)
                .isEqualTo("processed");
    }

    @Test
    void partialOutputsWithoutADeadLetterAreUnaccounted() {
        Accounting.Result r = Accounting.of(List.of("a.jpg"), SPECS, Map.ofEntries(out("224x224/a.jpg")), List.of());

        assertThat(r.unaccounted()).containsExactly("a.jpg: 1 of 2 outputs and not in the dead-letter queue");
    }
}
