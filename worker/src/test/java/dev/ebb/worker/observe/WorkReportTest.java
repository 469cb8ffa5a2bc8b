package dev.ebb.worker.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkReportTest {

    private static final long SECOND = 1_000_000_000L;

    /** One 10-second sample: busy is the larger of the CPU share (of the task's vCPUs) and the permit share. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        # case                                   | vcpus | permits | in use | cpu s | busy s
        idle                                     | 1     | 20      | 0      | 0     | 0
        start-up or JIT while holding nothing    | 1     | 20      | 0      | 8     | 0
        CPU-bound: half the CPU, few permits     | 1     | 20      | 2      | 5     | 5
        waiting on S3: all permits, little CPU   | 1     | 20      | 20     | 1     | 10
        half a vCPU used fully is fully busy     | 0.5   | 20      | 4      | 5     | 10
        two vCPUs, one used                      | 2     | 20      | 1      | 10    | 5
        more CPU than allowed counts as full     | 1     | 20      | 1      | 14    | 10
        """)
    void busyIsTheLargerShare(String name, double vcpus, int permits, int inUse, long cpuSeconds, double busy) {
        WorkReport r = new WorkReport("Ebb/Worker", "q", vcpus, permits, 60_000, 0, 0);

        r.sample(10_000, inUse, cpuSeconds * SECOND);

        assertThat(r.flush(10_000).getDouble(WorkReport.BUSY)).isEqualTo(busy);
    }

    @Test
    void reportsOncePerIntervalAsAnEmfDocumentAndStartsAfresh() {
        WorkReport r = new WorkReport("Ebb/Worker", "ebb-work", 1, 10, 60_000, 0, 0);
        r.sample(30_000, 10, 3 * SECOND);
        r.finished();
        r.finished();
        assertThat(r.due(59_999)).isEmpty();

        JsonObject line = r.due(60_000).orElseThrow();

        assertThat(line.getLong(WorkReport.PROCESSED)).isEqualTo(2);
        assertThat(line.getDouble(WorkReport.BUSY)).isEqualTo(30.0);
        assertThat(line.getString("Queue")).isEqualTo("ebb-work");
        JsonObject directive =
                line.getJsonObject("_aws").getJsonArray("CloudWatchMetrics").getJsonObject(0);
        assertThat(directive.getString("Namespace")).isEqualTo("Ebb/Worker");
        assertThat(directive.getJsonArray("Dimensions").getJsonArray(0).getString(0))
                .isEqualTo("Queue");
        assertThat(directive.getJsonArray("Metrics").stream().map(m -> ((JsonObject) m).getString("Name")))
                .containsExactly(WorkReport.PROCESSED, WorkReport.BUSY);
        assertThat(line.getJsonObject("_aws").getLong("Timestamp")).isEqualTo(60_000);

        JsonObject next = r.flush(61_000);
        assertThat(next.getLong(WorkReport.PROCESSED)).isZero();
        assertThat(next.getDouble("interval_s")).isEqualTo(1.0);
    }

    @Test
    void theCgroupQuotaIsTheTasksVcpus(@TempDir Path dir) throws Exception {
        Path half = Files.writeString(dir.resolve("half"), "50000 100000\n");
        Path unlimited = Files.writeString(dir.resolve("max"), "max 100000\n");

        assertThat(TaskCpu.cgroupQuota(half)).hasValue(0.5);
        assertThat(TaskCpu.cgroupQuota(unlimited)).isEmpty();
        assertThat(TaskCpu.cgroupQuota(dir.resolve("missing"))).isEmpty();
    }
}
