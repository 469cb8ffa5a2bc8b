package dev.ebb.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.worker.testing.Harness;
import dev.ebb.worker.testing.Images;
import dev.ebb.worker.testing.Lines;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndToEndIT {

    @Test
    void twoHundredImagesAreResizedAndTheWorkerExitsByItselfWhenTheQueueIsEmpty() throws Exception {
        Harness h = new Harness("e2e", 5, 3);
        List<String> keys = h.upload(200, "photos/2026");

        int code;
        try (Harness.Running w = h.startInProcess(h.env(), "e2e")) {
            code = w.awaitExit();
            var succeeded = w.lines().messages(Lines.outcome("succeeded"));
            assertThat(succeeded).hasSize(200);
            // a message's own work ends before its batched delete: work <= total, and the phases fit in the work
            assertThat(succeeded).allSatisfy(line -> {
                var d = line.getJsonObject("durations_ms");
                assertThat(d.getLong("work")).isLessThanOrEqualTo(d.getLong("total"));
                assertThat(d.getLong("download") + d.getLong("render") + d.getLong("upload"))
                        .isLessThanOrEqualTo(d.getLong("work") + 3);
            });
        }

        assertThat(code).isZero();
        List<String> outputs = h.aws.keys(h.dest);
        assertThat(outputs).hasSize(400);
        for (String key : keys) {
            BufferedImage big = Images.read(h.aws.get(h.dest, "64x64/" + key));
            BufferedImage small = Images.read(h.aws.get(h.dest, "32x48/" + key));
            // fit: the longer side fills the box, aspect kept (sources are wider than tall)
            assertThat(big.getWidth()).isEqualTo(64);
            assertThat(big.getHeight()).isLessThanOrEqualTo(64);
            assertThat(small.getWidth()).isEqualTo(32);
        }
        var head = h.aws.head(h.dest, "64x64/" + keys.getFirst());
        assertThat(head.metadata())
                .containsEntry("ebb-source-bucket", h.source)
                .containsEntry("ebb-source-key", "photos%2F2026%2Fimg-0.jpg")
                .containsKey("ebb-source-etag");
        assertThat(head.contentType()).isEqualTo("image/jpeg");
        assertThat(h.aws.depth(h.queues.url())).isZero();
        assertThat(h.aws.depth(h.queues.dlqUrl())).isZero();
    }
}
