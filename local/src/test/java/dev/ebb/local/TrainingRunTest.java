package dev.ebb.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The training run's worker command: the image's own, writing the cache instead of reading it. */
class TrainingRunTest {

    static final Path CACHE = Path.of("/tmp/ebb.aot");

    @Test
    void theImagesCommandWritesTheCacheItWouldOtherwiseRead() {
        List<String> image = List.of(
                "java",
                "-XX:MaxRAMPercentage=60",
                "-XX:AOTCache=/app/ebb.aot",
                "-XX:TieredStopAtLevel=1",
                "-XX:CompileThresholdScaling=0.1",
                "-jar",
                "/app/ebb.jar",
                "worker");

        // trained at the default compile thresholds, whatever the image runs at (see withCacheOutput)
        assertThat(TrainingRun.withCacheOutput(image, CACHE))
                .containsExactly(
                        "java",
                        "-XX:AOTCacheOutput=/tmp/ebb.aot",
                        "-XX:MaxRAMPercentage=60",
                        "-XX:TieredStopAtLevel=1",
                        "-jar",
                        "/app/ebb.jar",
                        "worker");
    }

    @Test
    void everyAotOptionGoesButOnlyAmongTheJvmsOptions() {
        List<String> cmd = List.of(
                "/jdk/bin/java",
                "-XX:AOTMode=on",
                "-XX:AOTConfiguration=x.conf",
                "-XX:AOTCacheOutput=old.aot",
                "-cp",
                "a.jar:b.jar",
                "-Xss512k",
                "dev.ebb.cli.Main",
                "worker",
                "-XX:AOTCache=kept-as-an-argument");

        assertThat(TrainingRun.withCacheOutput(cmd, CACHE))
                .containsExactly(
                        "/jdk/bin/java",
                        "-XX:AOTCacheOutput=/tmp/ebb.aot",
                        "-cp",
                        "a.jar:b.jar",
                        "-Xss512k",
                        "dev.ebb.cli.Main",
                        "worker",
                        "-XX:AOTCache=kept-as-an-argument");
    }

    @Test
    void noCommandIsAMistake() {
        assertThatThrownBy(() -> TrainingRun.withCacheOutput(List.of(), CACHE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
