package dev.ebb.controller.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.ebb.controller.cycle.CycleReport;
import dev.ebb.controller.cycle.HistoryStore;
import dev.ebb.controller.cycle.Settings;
import dev.ebb.controller.cycle.Wiring;
import dev.ebb.controller.errors.ErrorKind;
import dev.ebb.controller.port.Budget;
import dev.ebb.controller.report.DecisionLine;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Lambda entry point for the EventBridge schedule ({@code dev.ebb.controller.lambda.ControllerHandler::handleRequest}).
 * Writes one decision line to stdout (CloudWatch Logs, EMF) and returns it. Never throws for a
 * bad policy or an AWS error: a Lambda retry would only repeat the same cycle, and the next tick
 * comes in two minutes anyway.
 */
public final class ControllerHandler implements RequestStreamHandler {

    private final Map<String, String> env;
    private final Consumer<String> log;
    private final Clock clock;
    /** Lives as long as the execution environment; see {@link HistoryStore}. */
    private final HistoryStore history = HistoryStore.inMemory();

    private Wiring wiring;

    public ControllerHandler() {
        this(System.getenv(), System.out::println, Clock.systemUTC());
    }

    public ControllerHandler(Map<String, String> env, Consumer<String> log, Clock clock) {
        this.env = Map.copyOf(env);
        this.log = log;
        this.clock = clock;
        // Build the SDK clients during Lambda's init phase (CPU-boosted, and captured by a SnapStart
        // snapshot) rather than in the first invocation. No connection is opened here. The clients
        // need only the region and endpoints; the subnets come with each tick, hence the stand-in.
        Map<String, String> init = new java.util.HashMap<>(this.env);
        init.putIfAbsent("EBB_SUBNETS", "subnet-from-the-tick");
        if (Settings.fromEnv(init) instanceof Settings.Result.Ok ok) {
            wiring(ok.settings());
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws java.io.IOException {
        ScheduledEvent event = ScheduledEvent.read(input);
        String line = reconcile(
                        event.over(env),
                        event.tickOr(clock.instant()),
                        Budget.ofMillis(context::getRemainingTimeInMillis),
                        false)
                .line();
        log.accept(line);
        output.write(line.getBytes(StandardCharsets.UTF_8));
    }

    /** One cycle; {@code forceDryRun} adds to EBB_DRY_RUN, it never turns it off. */
    Decision reconcile(Instant scheduledAt, Budget budget, boolean forceDryRun) {
        return reconcile(env, scheduledAt, budget, forceDryRun);
    }

    private Decision reconcile(Map<String, String> env, Instant scheduledAt, Budget budget, boolean forceDryRun) {
        return switch (Settings.fromEnv(env)) {
            case Settings.Result.Invalid invalid ->
                new Decision(
                        CycleReport.Status.SETTINGS_INVALID,
                        DecisionLine.render(
                                CycleReport.unobserved(
                                        CycleReport.Status.SETTINGS_INVALID,
                                        scheduledAt,
                                        forceDryRun,
                                        List.of(),
                                        "settings: " + String.join("; ", invalid.problems()),
                                        ErrorKind.TERMINAL),
                                env.getOrDefault("EBB_METRICS_NAMESPACE", "Ebb/Controller"),
                                env.getOrDefault("EBB_CLUSTER", ""),
                                clock.instant()));
            case Settings.Result.Ok ok -> {
                Settings s = ok.settings().withDryRun(ok.settings().dryRun() || forceDryRun);
                CycleReport report = wiring(s).cycle(s, budget, history).run(scheduledAt, clock.instant(), s.dryRun());
                yield new Decision(
                        report.status(),
                        DecisionLine.render(
                                report, s.metricsNamespace(), s.fleet().cluster(), clock.instant()));
            }
        };
    }

    /** Clients are built once per execution environment and reused by warm invocations. */
    private synchronized Wiring wiring(Settings settings) {
        if (wiring == null) {
            wiring = new Wiring(settings);
        }
        return wiring;
    }
}
