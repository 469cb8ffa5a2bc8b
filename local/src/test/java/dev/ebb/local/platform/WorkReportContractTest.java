package dev.ebb.local.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.controller.aws.CloudWatchLoad;
import dev.ebb.worker.observe.WorkReport;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * The worker writes its work report as EMF; the controller reads the metrics CloudWatch extracts
 * from it. The two modules do not depend on each other, so this module, which sees both, holds the
 * names together.
 */
class WorkReportContractTest {

    @Test
    void theControllerReadsTheMetricsTheWorkerWrites() {
        assertThat(CloudWatchLoad.PROCESSED).isEqualTo(WorkReport.PROCESSED);
        assertThat(CloudWatchLoad.BUSY).isEqualTo(WorkReport.BUSY);
        assertThat(CloudWatchLoad.QUEUE_DIMENSION).isEqualTo(WorkReport.DIMENSION);

        for (String url : new String[] {
            "https://sqs.eu-west-1.amazonaws.com/123/ebb-work", "http://127.0.0.1:9324/000000000000/q/"
        }) {
            assertThat(WorkReport.queueName(url)).as(url).isEqualTo(CloudWatchLoad.queueName(url));
        }
        JsonObject line = new WorkReport(
                        "Ebb/Worker",
                        WorkReport.queueName("https://sqs.eu-west-1.amazonaws.com/123/ebb-work"),
                        1,
                        10,
                        60_000,
                        0,
                        0)
                .flush(60_000);
        assertThat(line.getString(CloudWatchLoad.QUEUE_DIMENSION)).isEqualTo("ebb-work");
        assertThat(line.getJsonObject("_aws")
                        .getJsonArray("CloudWatchMetrics")
                        .getJsonObject(0)
                        .getJsonArray("Metrics")
                        .encode())
                .contains(CloudWatchLoad.PROCESSED, CloudWatchLoad.BUSY);
    }
}
