package dev.ebb.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.worker.testing.Events;
import dev.ebb.worker.testing.Harness;
import dev.ebb.worker.testing.Images;
import dev.ebb.worker.testing.Lines;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/** Every kind of body and source in one queue: good work is done and deleted, bad work is dead-lettered with its reason. */
class MixedMessagesIT {

    @Test
    void goodRecordsAreProcessedAndEveryBadMessageGoesToTheDeadLetterQueueWithItsReason() throws Exception {
        Harness h = new Harness("mix", 5, 3);
        String src = h.source;
        String odd = "uploads/a b+c/ñandú ü%.jpg"; // space, plus, unicode and a percent sign
        byte[] good = Images.jpeg(100, 80, 1);
        byte[] png = Images.png(90, 60, 2);
        h.aws.put(src, odd, good);
        h.aws.put(src, "multi/one.jpg", good);
        h.aws.put(src, "multi/two.png", png);
        h.aws.put(src, "sns/three.jpg", good);
        h.aws.put(src, "bad/corrupt.jpg", Images.truncatedJpeg(200, 150));
        h.aws.put(src, "bad/empty.jpg", new byte[0]);
        h.aws.put(src, "bad/notes.jpg", "not a picture".getBytes(StandardCharsets.UTF_8));
        h.aws.put(src, "half/good.jpg", good);
        h.aws.put(src, "half/broken.jpg", Images.truncatedJpeg(200, 150));
        h.aws.put(src, "folder/", new byte[0]);

        h.aws.send(
                h.queues.url(),
                List.of(
                        Events.created(List.of(
                                new Events.Obj(src, odd, good.length),
                                new Events.Obj(src, "multi/one.jpg", good.length),
                                new Events.Obj(src, "multi/two.png", png.length))),
                        Events.testEvent(src),
                        Events.viaSns(Events.created(src, "sns/three.jpg", good.length)),
                        "hello, not json",
                        "{\"Message\":\"no records here\"}",
                        Events.created(src, "bad/corrupt.jpg", 1000),
                        Events.created(src, "bad/missing.jpg", 1000),
                        Events.created(src, "bad/empty.jpg", 0),
                        Events.created(src, "bad/notes.jpg", 13),
                        Events.created(List.of(
                                new Events.Obj(src, "half/good.jpg", good.length),
                                new Events.Obj(src, "half/broken.jpg", 1000))),
                        Events.created(src, "folder/", 0)));

        int code;
        Harness.Running w = h.startInProcess(h.env(), "mix");
        try (w) {
            code = w.awaitExit();
            assertThat(w.metric("ebb_worker_test_events_total")).isEqualTo(1.0);
            assertThat(w.metric("ebb_worker_records_failed_total{kind=\"permanent\",reason=\"corrupt\"}"))
                    .isEqualTo(2.0);
            assertThat(w.metric("ebb_worker_records_skipped_total{reason=\"folder_marker\"}"))
                    .isEqualTo(1.0);
            assertThat(w.metric("ebb_worker_jpeg_decoder_info{decoder=\"turbojpeg\"}"))
                    .isEqualTo(1.0);
        }
        assertThat(code).isZero();

        assertThat(h.aws.keys(h.dest))
                .containsExactlyInAnyOrder(
                        "64x64/" + odd,
                        "32x48/" + odd,
                        "64x64/multi/one.jpg",
                        "32x48/multi/one.jpg",
                        "64x64/multi/two.png.jpg",
                        "32x48/multi/two.png.jpg",
                        "64x64/sns/three.jpg",
                        "32x48/sns/three.jpg",
                        "64x64/half/good.jpg",
                        "32x48/half/good.jpg");

        List<Message> dead = h.aws.peekAll(h.queues.dlqUrl());
        Map<String, Long> reasons = dead.stream()
                .collect(Collectors.groupingBy(
                        m -> m.messageAttributes().get("ebb-reason").stringValue(), Collectors.counting()));
        assertThat(reasons)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "malformed_event",
                        2L,
                        "corrupt",
                        2L,
                        "source_missing",
                        1L,
                        "empty",
                        1L,
                        "unsupported_format",
                        1L));
        assertThat(dead)
                .allSatisfy(m -> assertThat(m.messageAttributes()).containsKeys("ebb-detail", "ebb-source-message-id"));
        assertThat(dead.stream().map(Message::body)).contains("hello, not json");
        assertThat(h.aws.depth(h.queues.url())).isZero();

        assertThat(w.lines().messages(Lines.outcome("dead_lettered"))).hasSize(7);
        assertThat(w.lines().messages(Lines.outcome("test_event"))).hasSize(1);
        assertThat(w.lines().messages(Lines.outcome("succeeded"))).hasSize(3);
    }
}
