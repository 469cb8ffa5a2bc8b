package dev.ebb.worker.moto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ebb.worker.testing.FaultProxy;
import dev.ebb.worker.testing.Harness;
import dev.ebb.worker.testing.MotoWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S3 down for a while (every request answered 503 SlowDown by a proxy in front of moto) while
 * messages are in flight and more are waiting.
 *
 * <p>The case is a 3-minute outage with the default settings. What decides the outcome is
 * not the wall clock but how many times the outage outlasts the worker's timers: with the defaults
 * (breaker open 30 s, visibility 30–60 s) 3 minutes is about 6 open → half-open → open cycles and 3–6
 * visibility timeouts of the messages held. Here the breaker opens for 1 s and messages are invisible
 * for 3 s, so the default {@code -Debb.outage.seconds=20} spans about 10 cycles and 6 timeouts: the
 * same states, more often. {@code maxReceiveCount} is 3, so one burnt receive per message per
 * outage (at most the one before the breaker opened) is all the queue allows before it dead-letters.
 */
class S3OutageMotoIT {

    static final long OUTAGE_SECONDS = Long.getLong("ebb.outage.seconds", 20);

    @Test
    void anOutageWritesBreakerLinesOnStderrAndDeadLettersNothing(@TempDir Path dir) throws Exception {
        MotoWorld w = new MotoWorld("outage", 3, 3);
        try (FaultProxy s3 = FaultProxy.start(w.moto.endpoint())) {
            Map<String, String> env = Harness.withOutageSettings(w.env(s3.uri()));
            MotoWorld.Worker worker = w.start(env, dir, "worker");
            // S3 goes down after the worker checked its destination, with the work already queued.
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> Files.exists(worker.stdout())
                            && Files.readString(worker.stdout()).contains("\"event\":\"start\""));
            s3.policy(r -> FaultProxy.s3SlowDown());
            w.upload(w.source, 20, "o"); // written through moto directly: only the worker's S3 is down
            Thread.sleep(Duration.ofSeconds(OUTAGE_SECONDS)); // the outage itself; nothing is measured against it
            assertThat(w.aws.depth(w.queues.dlqUrl()))
                    .as("nothing dead-lettered during the outage")
                    .isZero();
            s3.pass();

            assertThat(worker.awaitExit()).isZero();
            assertThat(worker.diagnostics())
                    .as("stderr says what happened, as JSON")
                    .anySatisfy(j -> {
                        assertThat(j.getString("event")).isEqualTo("breaker");
                        assertThat(j.getString("service")).isEqualTo("s3");
                        assertThat(j.getString("to")).isEqualTo("OPEN");
                    })
                    .anySatisfy(j -> assertThat(j.getString("to")).isEqualTo("CLOSED"));
            assertThat(worker.rawStdout())
                    .as("stdout: one JSON object a line")
                    .allSatisfy(l -> assertThat(l).startsWith("{"));
            assertThat(Harness.count(worker.lines(), "succeeded")).isEqualTo(20);
        }
        assertThat(w.aws.keys(w.dest)).hasSize(40);
        assertThat(w.aws.depth(w.queues.url())).isZero();
        assertThat(w.aws.depth(w.queues.dlqUrl()))
                .as("the outage moved no message to the dead-letter queue")
                .isZero();
    }
}
