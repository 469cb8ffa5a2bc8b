package dev.ebb.worker.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.emulators.PythonVenv;
import dev.ebb.worker.testing.Events;
import dev.ebb.worker.testing.Harness;
import dev.ebb.worker.testing.Images;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A running worker's {@code /metrics}, parsed by the Prometheus project's Python client and checked
 * with promlint's rules ({@code src/test/python/promlint.py}); and what the CloudWatch agent needs
 * of it: every series a dashboard reads exists from the first scrape (the agent turns counters
 * into deltas from its second scrape on), and gauges read numbers after a garbage collection.
 */
class MetricsPageIT {

    /** Pinned; the parser of the Prometheus project's own Python client. */
    static final String REQUIREMENT = "prometheus-client==0.26.0";

    @Test
    void theMetricsPageIsPromlintCleanFromTheFirstScrapeToTheLast() throws Exception {
        Harness h = new Harness("metrics", 5, 3);
        try (Harness.Running w = h.startInProcess(h.env(), null)) {
            String first = w.scrape();
            Files.writeString(Path.of("target", "metrics-page-first.txt"), first);
            assertThat(promlint(first)).as("promlint on the first scrape").isEmpty();
            // counters the agent ships are there, at 0, before any message
            for (String outcome :
                    List.of("succeeded", "dead_lettered", "retried", "released", "test_event", "delete_failed")) {
                assertThat(first).contains("ebb_worker_messages_total{outcome=\"" + outcome + "\"} 0.0");
            }
            assertThat(first)
                    .contains(
                            "ebb_worker_messages_received_total 0.0",
                            "ebb_worker_records_total{outcome=\"failed\"} 0.0",
                            "ebb_worker_bytes_total{direction=\"in\"} 0.0",
                            "ebb_worker_phase_seconds_count{phase=\"render\"} 0");

            h.upload(3, "ok");
            h.aws.put(h.source, "bad/corrupt.jpg", Images.truncatedJpeg(200, 150));
            h.aws.put(h.source, "folder/", new byte[0]);
            h.aws.send(
                    h.queues.url(),
                    List.of(
                            Events.created(h.source, "bad/corrupt.jpg", 1000),
                            Events.created(h.source, "folder/", 0),
                            Events.testEvent(h.source)));
            assertThat(w.awaitExit()).isZero();

            // Micrometer holds a gauge's object weakly: a collected supplier reads NaN
            System.gc();
            String last = w.scrape();
            Files.writeString(Path.of("target", "metrics-page.txt"), last);
            assertThat(promlint(last))
                    .as("promlint after every kind of outcome (page in target/metrics-page.txt)")
                    .isEmpty();
            assertThat(last).doesNotContain("NaN").doesNotContain("=\"\"");
            assertThat(Harness.metric(last, "ebb_worker_in_flight ")).isZero();
            assertThat(Harness.metric(last, "ebb_worker_permits_free ")).isPositive();
            // three images and the folder marker, whose only record is skipped
            assertThat(Harness.metric(last, "ebb_worker_messages_total{outcome=\"succeeded\"}"))
                    .isEqualTo(4.0);
            assertThat(Harness.metric(last, "ebb_worker_messages_total{outcome=\"dead_lettered\"}"))
                    .isEqualTo(1.0);
            assertThat(Harness.metric(last, "ebb_worker_records_total{outcome=\"processed\"}"))
                    .isEqualTo(3.0);
            assertThat(Harness.metric(last, "ebb_worker_phase_seconds_count{phase=\"download\"}"))
                    .isEqualTo(3.0);
            assertThat(last)
                    .contains("# TYPE ebb_worker_phase_seconds summary")
                    .doesNotContain("ebb_worker_phase_seconds_bucket");
        }
    }

    /**
     * The checker itself finds what issue #13 found on the page the worker served before it was
     * fixed (captured from a worker of commit a17330a; Go's promlint v1.23.2 reports the same five).
     */
    @Test
    void promlintFindsTheProblemsOfThePageBeforeIssue13() throws Exception {
        String before = new String(
                MetricsPageIT.class
                        .getResourceAsStream("/metrics-before-issue-13.txt")
                        .readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(promlint(before))
                .containsExactlyInAnyOrder(
                        "ebb_worker_jpeg_decoder_info: no help text",
                        "process_cpu_time_ns_total: metric names should not contain abbreviated units",
                        "system_cpu_count: non-histogram and non-summary metrics should not have \"_count\" suffix",
                        "ebb_worker_in_flight: no help text",
                        "ebb_worker_permits_free: no help text");
    }

    /** promlint's findings on {@code page}, one "name: problem" each; an unparseable page fails the test. */
    static List<String> promlint(String page) throws Exception {
        PythonVenv venv = PythonVenv.ensure(
                PythonVenv.defaultLocation("promlint-venv", "ebb.promlint.venv"), List.of(REQUIREMENT));
        Process p = new ProcessBuilder(
                        venv.python().toString(),
                        Path.of("src/test/python/promlint.py").toString())
                .redirectErrorStream(true)
                .start();
        try (var in = p.getOutputStream()) {
            in.write(page.getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("promlint.py: %s", text).isIn(0, 1);
        return text.isBlank() ? List.of() : List.of(text.strip().split("\n"));
    }
}
