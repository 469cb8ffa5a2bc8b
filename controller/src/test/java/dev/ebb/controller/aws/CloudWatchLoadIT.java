package dev.ebb.controller.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.ebb.controller.port.Budget;
import dev.ebb.controller.port.LoadWindows;
import dev.ebb.controller.reconcile.LoadMeasurement;
import dev.ebb.emulators.MotoServer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

/**
 * The CloudWatch load source against moto in server mode: data points are put the way SQS and the
 * workers' EMF lines would create them (moto extracts no EMF from logs, so the test puts the points
 * the extraction would produce), then read back through GetMetricData.
 */
class CloudWatchLoadIT {

    private static MotoServer moto;
    private static CloudWatchClient cloudWatch;

    @BeforeAll
    static void startMoto() throws Exception {
        moto = MotoServer.shared();
        cloudWatch = AwsClients.cloudWatch(Optional.of(Region.US_EAST_1), Optional.of(moto.endpoint()));
    }

    @AfterAll
    static void closeClient() {
        cloudWatch.close();
    }

    @Test
    void sumsSentProcessedAndBusyOverTheRecentAndTheLongWindow() {
        String queue = "ebb-work-" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(30);
        Instant end = LoadWindows.end(now);
        // Ten minutes inside the recent window: 6,000 sent, 5,400 processed in 54 busy task-seconds a minute.
        for (int m = 1; m <= 10; m++) {
            Instant at = end.minus(Duration.ofMinutes(m)).plusSeconds(10);
            put("AWS/SQS", "NumberOfMessagesSent", "QueueName", queue, at, 600);
            put("Ebb/Worker", "MessagesProcessed", "Queue", queue, at, 540);
            put("Ebb/Worker", "BusyTaskSeconds", "Queue", queue, at, 5.4);
        }
        // Three hours ago: in the long window only.
        Instant earlier = end.minus(Duration.ofHours(3));
        put("Ebb/Worker", "MessagesProcessed", "Queue", queue, earlier, 100_000);
        put("Ebb/Worker", "BusyTaskSeconds", "Queue", queue, earlier, 1_000);
        // Another queue's workers and a point after the window's end are not counted.
        put("Ebb/Worker", "MessagesProcessed", "Queue", "someone-else", end.minusSeconds(90), 999_999);
        put("Ebb/Worker", "MessagesProcessed", "Queue", queue, end.plusSeconds(20), 777);

        List<String> warnings = new ArrayList<>();
        LoadMeasurement load = source(queue, warnings).read(now);

        assertThat(warnings).isEmpty();
        LoadMeasurement.Window recent = load.recent().orElseThrow();
        assertThat(recent.length()).isEqualTo(LoadWindows.RECENT);
        assertThat(recent.sent()).hasValue(6_000);
        assertThat(recent.processed()).isEqualTo(5_400);
        assertThat(recent.busyTaskSeconds()).isCloseTo(54.0, offset(1e-6));
        LoadMeasurement.Window longTerm = load.longTerm().orElseThrow();
        assertThat(longTerm.processed()).isEqualTo(105_400);
        assertThat(longTerm.busyTaskSeconds()).isCloseTo(1_054.0, offset(1e-6));
    }

    @Test
    void aQueueNobodyReportedOnHasNoSentCountAndNoWork() {
        LoadMeasurement load =
                source("quiet-" + UUID.randomUUID(), new ArrayList<>()).read(Instant.now());

        assertThat(load.recent().orElseThrow().sent()).isEmpty();
        assertThat(load.recent().orElseThrow().processed()).isZero();
        assertThat(load.longTerm().orElseThrow().busyTaskSeconds()).isZero();
    }

    @Test
    void anUnreachableCloudWatchIsUnknownAndSaysSoWithoutFailingTheCycle() {
        List<String> warnings = new ArrayList<>();
        try (CloudWatchClient nowhere =
                AwsClients.cloudWatch(Optional.of(Region.US_EAST_1), Optional.of(URI.create("http://127.0.0.1:9")))) {
            LoadMeasurement load = new CloudWatchLoad(
                            nowhere,
                            "q",
                            "Ebb/Worker",
                            new Retrying(Retrying.Backoff.BRIEF, Budget.fixed(Duration.ofSeconds(30))),
                            warnings::add)
                    .read(Instant.now());

            assertThat(load).isEqualTo(LoadMeasurement.UNKNOWN);
        }
        assertThat(warnings).singleElement().asString().startsWith("cloudwatch.GetMetricData failed");
    }

    private static CloudWatchLoad source(String queue, List<String> warnings) {
        return new CloudWatchLoad(
                cloudWatch,
                queue,
                "Ebb/Worker",
                new Retrying(Retrying.Backoff.BRIEF, Budget.fixed(Duration.ofSeconds(30))),
                warnings::add);
    }

    private static void put(String namespace, String metric, String dimension, String queue, Instant at, double value) {
        cloudWatch.putMetricData(r -> r.namespace(namespace)
                .metricData(MetricDatum.builder()
                        .metricName(metric)
                        .dimensions(
                                Dimension.builder().name(dimension).value(queue).build())
                        .timestamp(at)
                        .value(value)
                        .build()));
    }
}
