package dev.ebb.local.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ebb.controller.aws.CloudWatchLoad;
import dev.ebb.controller.policy.CapacityProvider;
import dev.ebb.worker.wire.LogLine;
import dev.ebb.worker.wire.Outcomes;
import dev.ebb.worker.wire.WireName;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * One task: one worker process. Its state follows the worker's own lines on stdout: STARTING until
 * it logs {@code start} (like a PENDING ECS task), RUNNING until it logs {@code idle} or
 * {@code stopping} or is sent SIGTERM (then STOPPING, no longer capacity), EXITED when the process
 * is gone. Nothing else is assumed: a kill -9 shows up only as the process ending.
 */
public final class WorkerTask {

    public enum State {
        STARTING,
        RUNNING,
        STOPPING,
        EXITED
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String id;
    private final CapacityProvider provider;
    private final Instant createdAt;
    private volatile Instant startedAt;
    private final Process process;
    private final TaskListener listener;
    private final WorkReports reports;
    private volatile State state = State.STARTING;
    private volatile boolean reachedRunning;
    private volatile Integer exitCode;
    private volatile String exitReason;
    private volatile Instant exitedAt;

    private WorkerTask(
            String id,
            CapacityProvider provider,
            Instant createdAt,
            Process process,
            TaskListener listener,
            WorkReports reports) {
        this.id = id;
        this.provider = provider;
        this.createdAt = createdAt;
        this.process = process;
        this.listener = listener;
        this.reports = reports;
    }

    static WorkerTask start(
            String id, CapacityProvider provider, WorkerLauncher launcher, TaskListener listener, WorkReports reports)
            throws IOException {
        Process p = launcher.start(id);
        WorkerTask task = new WorkerTask(id, provider, Instant.now(), p, listener, reports);
        Path log = launcher.logs().resolve(id + ".log");
        Thread reader = new Thread(() -> task.read(log), "ebb-local-" + id);
        reader.setDaemon(true);
        reader.start();
        // The process's end, not its stdout's: a grandchild may hold the pipe open after the worker is gone.
        var _ = p.onExit().thenRunAsync(() -> task.exited(reader));
        return task;
    }

    private void read(Path log) {
        try (BufferedReader in =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(line);
                out.write('\n');
                out.flush();
                if (line.startsWith("{")) {
                    onLine(line);
                }
            }
        } catch (IOException e) {
            // the process went away; its end is handled by exited()
        }
    }

    private void exited(Thread reader) {
        try {
            reader.join(2_000); // the last lines (idle, exit) usually explain the end
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int code = process.exitValue();
        exitCode = code;
        exitedAt = Instant.now();
        if (exitReason == null) {
            exitReason = switch (code) {
                case 137 -> "killed (SIGKILL)";
                case 143 -> "terminated (SIGTERM)";
                case 130 -> "interrupted (SIGINT)";
                default -> "exit " + code;
            };
        }
        state = State.EXITED;
        listener.exited(this);
    }

    private void onLine(String line) {
        JsonNode j;
        try {
            j = JSON.readTree(line);
        } catch (IOException e) {
            return;
        }
        switch (WireName.parse(LogLine.Event.class, j.path(LogLine.EVENT).asText())
                .orElse(null)) {
            case START -> {
                reachedRunning = true;
                startedAt = Instant.now();
                if (state == State.STARTING) {
                    state = State.RUNNING;
                    listener.running(this);
                }
            }
            // the worker's WorkReport line; its metric names are the ones CloudWatchLoad reads (WorkReportContractTest)
            case WORK ->
                reports.reported(
                        j.path(CloudWatchLoad.PROCESSED).asLong(),
                        j.path(CloudWatchLoad.BUSY).asDouble());
            case IDLE -> {
                state = State.STOPPING;
                exitReason = "idle: the queue stayed empty";
            }
            case STOPPING -> {
                state = State.STOPPING;
                exitReason = "stopped (" + j.path(LogLine.REASON).asText() + ")";
            }
            case MESSAGE -> records(j);
            case null, default -> {}
        }
    }

    private void records(JsonNode message) {
        boolean deadLettered = WireName.parse(
                        Outcomes.OfMessage.class, message.path(LogLine.OUTCOME).asText())
                .equals(Optional.of(Outcomes.OfMessage.DEAD_LETTERED));
        for (JsonNode r : message.path(LogLine.RECORDS)) {
            String key = r.path(LogLine.KEY).asText();
            switch (WireName.parse(
                            Outcomes.OfRecord.class, r.path(LogLine.OUTCOME).asText())
                    .orElse(null)) {
                case PROCESSED -> listener.processed(key);
                case FAILED -> {
                    if (deadLettered) {
                        listener.failed(key, r.path(LogLine.REASON).asText());
                    }
                }
                case null, default -> {}
            }
        }
    }

    /** What ECS's SIGTERM on StopTask does: the worker stops receiving, drains, releases, exits. */
    void terminate() {
        if (state != State.EXITED) {
            state = State.STOPPING;
            process.destroy();
        }
    }

    void kill() {
        process.destroyForcibly();
    }

    public String id() {
        return id;
    }

    public long pid() {
        return process.pid();
    }

    public CapacityProvider provider() {
        return provider;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public State state() {
        return state;
    }

    /** When the worker logged its start, i.e. began polling: what ECS's startedAt is to the controller. */
    public Optional<Instant> startedAt() {
        return Optional.ofNullable(startedAt);
    }

    /** Whether the worker ever logged its start (it reached its queue and began polling). */
    public boolean reachedRunning() {
        return reachedRunning;
    }

    public boolean isAlive() {
        return state != State.EXITED;
    }

    public Optional<Integer> exitCode() {
        return Optional.ofNullable(exitCode);
    }

    public Optional<String> exitReason() {
        return Optional.ofNullable(exitReason);
    }

    public Optional<Instant> exitedAt() {
        return Optional.ofNullable(exitedAt);
    }

    Process process() {
        return process;
    }
}
