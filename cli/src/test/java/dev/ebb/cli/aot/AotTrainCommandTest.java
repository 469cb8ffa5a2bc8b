package dev.ebb.cli.aot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AotTrainCommandTest {

    /** C1's usual threshold: a method called this often is compiled, and the training data then says so. */
    private static final int TIER3_INVOCATION_THRESHOLD = 200;

    /**
     * The image runs at the JVM's own compile thresholds and compiles early only what the training
     * compiled, so the training must run the once-per-image code past C1's threshold: with fewer
     * images that code waits in every task for the usual 200 calls instead of the first check of
     * its counter.
     */
    @Test
    void trainsOnEnoughImagesForThePerImageCodeToBeCompiled() {
        AotTrainCommand command = new AotTrainCommand();
        new CommandLine(command).parseArgs("--out", "/tmp/ebb.aot", "--", "java", "-jar", "ebb.jar", "worker");
        assertThat(command.images).isGreaterThanOrEqualTo(2 * TIER3_INVOCATION_THRESHOLD);
    }
}
