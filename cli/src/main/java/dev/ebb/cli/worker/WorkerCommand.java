package dev.ebb.cli.worker;

import dev.ebb.worker.WorkerMain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ebb worker}: the container's entry point, configured by environment variables only. */
@Command(
        name = "worker",
        description = {
            "Consume the queue named by EBB_QUEUE_URL until it stays empty.",
            "For each message: download, resize, upload, delete.",
            "Configured by EBB_* environment variables only (as the ECS task definition sets them).",
            "Exit 0 idle or stopped cleanly (SIGTERM drains), 1 unexpected error, 2 invalid environment,",
            "3 out of memory (the JVM's -XX:+ExitOnOutOfMemoryError), 4 could not start (queue, dead-letter queue, port),",
            "5 a bucket is missing or forbidden (nothing dead-lettered; the message names it); see docs/worker.md."
        })
public final class WorkerCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        return WorkerMain.run(System.getenv());
    }
}
