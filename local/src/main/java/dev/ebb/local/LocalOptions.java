package dev.ebb.local;

import dev.ebb.image.spec.OutputSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one {@code ebb local} run is told.
 *
 * @param input the folder whose files are uploaded (relative paths become keys)
 * @param output where the destination bucket is copied at the end
 * @param policyFile a scaling policy; empty: the one bundled for local runs (re-read every tick, as the Lambda does)
 * @param sizes and {@code specs}: what every worker renders ({@code EBB_SIZES}, {@code EBB_MODE}, …)
 * @param workerCommand the command line of one task, e.g. {@code java … dev.ebb.cli.Main worker}
 * @param workerEnv extra worker environment (tuning such as {@code EBB_CONCURRENCY}); wins over defaults
 * @param workerIdle a worker whose queue stays empty this long exits ({@code EBB_IDLE_SECONDS})
 * @param workerGrace after SIGTERM a worker finishes its messages for this long ({@code EBB_GRACE_SECONDS})
 */
public record LocalOptions(
        Path input,
        Path output,
        Optional<Path> policyFile,
        Duration tick,
        String sizes,
        String mode,
        List<OutputSpec> specs,
        Optional<Path> report,
        boolean keepRunning,
        int visibilityTimeoutSeconds,
        int maxReceiveCount,
        Duration workerIdle,
        Duration workerGrace,
        Map<String, String> workerEnv,
        List<String> workerCommand) {

    public LocalOptions {
        specs = List.copyOf(specs);
        workerEnv = Map.copyOf(workerEnv);
        workerCommand = List.copyOf(workerCommand);
    }
}
