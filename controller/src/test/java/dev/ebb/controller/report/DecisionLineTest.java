package dev.ebb.controller.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ebb.controller.act.PlanOutcome;
import dev.ebb.controller.cycle.CycleReport;
import dev.ebb.controller.errors.ErrorKind;
import dev.ebb.controller.policy.CapacityProvider;
import dev.ebb.controller.policy.PolicyError;
import dev.ebb.controller.port.LaunchFailure;
import dev.ebb.controller.reconcile.Action;
import dev.ebb.controller.reconcile.Estimate;
import dev.ebb.controller.reconcile.History;
import dev.ebb.controller.reconcile.ObservedTask;
import dev.ebb.controller.reconcile.Plan;
import dev.ebb.controller.reconcile.QueueSnapshot;
import dev.ebb.controller.reconcile.Reason;
import dev.ebb.controller.reconcile.Slice;
import dev.ebb.controller.reconcile.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecisionLineTest {

    private static final Instant T = Instant.parse("2026-01-01T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static CycleReport launched() {
        Plan plan = new Plan(
                25,
                1,
                3,
                new Action.Launch(List.of(new Slice(CapacityProvider.FARGATE_SPOT, 2))),
                Reason.LAUNCH,
                "launch 2",
                History.EMPTY);
        return new CycleReport(
                CycleReport.Status.OK,
                T,
                false,
                "default",
                List.of(),
                Optional.of(QueueSnapshot.of(20, 5, 1)),
                List.of(ObservedTask.of("t0", TaskState.RUNNING, CapacityProvider.FARGATE, T)),
                Optional.of(plan),
                new PlanOutcome(
                        List.of("t1"),
                        List.of(new LaunchFailure("FARGATE_SPOT", "Capacity is unavailable at this time.", null)),
                        1,
                        List.of()),
                Optional.empty());
    }

    @Test
    void isOneLineOfJson() throws Exception {
        String line = DecisionLine.render(launched(), "Ebb/Controller", "ebb", T);

        assertThat(line).doesNotContain("\n");
        assertThat(JSON.readTree(line).isObject()).isTrue();
    }

    @Test
    void everyDeclaredMetricIsATopLevelNumberAsEmfRequires() throws Exception {
        JsonNode line = JSON.readTree(DecisionLine.render(launched(), "Ebb/Controller", "ebb", T));

        JsonNode directive = line.at("/_aws/CloudWatchMetrics/0");
        assertThat(line.at("/_aws/Timestamp").asLong()).isEqualTo(T.toEpochMilli());
        assertThat(directive.get("Namespace").asText()).isEqualTo("Ebb/Controller");
        assertThat(directive.at("/Dimensions/0/0").asText()).isEqualTo("Cluster");
        assertThat(line.get("Cluster").asText()).isEqualTo("ebb");
        assertThat(directive.get("Metrics"))
                .as("a message-sized plan has no rates to report")
                .hasSize(DecisionLine.METRICS.size() - 3)
                .allSatisfy(m -> assertThat(line.path(m.get("Name").asText()).isNumber())
                        .as(m.toString())
                        .isTrue());
    }

    @Test
    void aWorkSizedDecisionCarriesItsRatesAndEveryStopsReason() throws Exception {
        Estimate e = new Estimate(
                116.5,
                Estimate.Basis.RECENT,
                112.25,
                Estimate.Basis.LONG_TERM,
                Duration.ofSeconds(48),
                Estimate.Basis.OBSERVED);
        Plan plan = new Plan(
                300,
                4,
                2,
                new Action.Stop(List.of("t3", "t4"), List.of("not running yet", "FARGATE above its share")),
                Reason.STOP_EXCESS,
                "stop 2",
                History.EMPTY,
                Optional.of(e));
        CycleReport report = new CycleReport(
                CycleReport.Status.OK,
                T,
                false,
                "default",
                List.of(),
                Optional.of(QueueSnapshot.of(100, 200, 0)),
                List.of(),
                Optional.of(plan),
                new PlanOutcome(List.of(), List.of(), 0, List.of("t3", "t4")),
                Optional.empty());

        JsonNode line = JSON.readTree(DecisionLine.render(report, "Ebb/Controller", "ebb", T));

        assertThat(line.at("/_aws/CloudWatchMetrics/0/Metrics")).hasSize(DecisionLine.METRICS.size());
        assertThat(line.get("ArrivalsPerSecond").asDouble()).isEqualTo(116.5);
        assertThat(line.get("ThroughputPerTask").asDouble()).isEqualTo(112.25);
        assertThat(line.get("StartLatencySeconds").asDouble()).isEqualTo(48.0);
        assertThat(line.get("estimate").toString())
                .isEqualTo(
                        "{\"arrivalsPerSecond\":116.5,\"arrivalsFrom\":\"recent\","
                                + "\"throughputPerTask\":112.25,\"throughputFrom\":\"long-term\",\"startLatencySeconds\":48,\"startLatencyFrom\":\"observed\"}");
        assertThat(line.get("stops").toString())
                .isEqualTo("[{\"taskId\":\"t3\",\"why\":\"not running yet\"},"
                        + "{\"taskId\":\"t4\",\"why\":\"FARGATE above its share\"}]");
        assertThat(line.get("StoppedTasks").asInt()).isEqualTo(2);
    }

    @Test
    void carriesObservationDecisionReasonAndTaskIds() throws Exception {
        JsonNode line = JSON.readTree(DecisionLine.render(launched(), "Ebb/Controller", "ebb", T));

        assertThat(line.get("status").asText()).isEqualTo("ok");
        assertThat(line.get("queue").toString()).isEqualTo("{\"visible\":20,\"inFlight\":5,\"delayed\":1}");
        assertThat(line.get("tasks").toString()).isEqualTo("{\"RUNNING\":1}");
        assertThat(line.get("desired").asInt()).isEqualTo(3);
        assertThat(line.get("action").asText()).isEqualTo("launch");
        assertThat(line.get("reason").asText()).isEqualTo("LAUNCH");
        assertThat(line.get("launches").toString()).isEqualTo("[{\"provider\":\"FARGATE_SPOT\",\"count\":2}]");
        assertThat(line.get("launchedTaskIds").toString()).isEqualTo("[\"t1\"]");
        assertThat(line.get("failures").get(0).get("reason").asText()).startsWith("Capacity");
        assertThat(line.get("Backlog").asLong()).isEqualTo(25);
        assertThat(line.get("LaunchedTasks").asInt()).isEqualTo(1);
        assertThat(line.get("LaunchFailures").asInt()).isEqualTo(1);
        assertThat(line.get("SpotFallbacks").asInt()).isEqualTo(1);
        assertThat(line.get("PolicyErrors").asInt()).isZero();
    }

    @Test
    void aBadPolicyRaisesThePolicyErrorMetricAndListsTheErrors() throws Exception {
        CycleReport bad = CycleReport.unobserved(
                CycleReport.Status.POLICY_INVALID,
                T,
                false,
                List.of(new PolicyError("p.yaml", 7, 3, "spec.maxTask", "unknown key")),
                "invalid",
                ErrorKind.TERMINAL);

        JsonNode line = JSON.readTree(DecisionLine.render(bad, "Ebb/Controller", "ebb", T));

        assertThat(line.get("status").asText()).isEqualTo("policy-invalid");
        assertThat(line.get("PolicyErrors").asInt()).isEqualTo(1);
        assertThat(line.get("LaunchedTasks").asInt()).isZero();
        assertThat(line.get("policyErrors").get(0).asText()).isEqualTo("p.yaml:7:3: spec.maxTask: unknown key");
        assertThat(line.has("queue")).isFalse();
        assertThat(line.has("action")).isFalse();
        assertThat(line.get("errorKind").asText()).isEqualTo("terminal");
        assertThat(line.get("TerminalErrors").asInt())
                .as("PolicyErrors has its own alarm")
                .isZero();
    }

    @Test
    void aCycleThatFailedBeforePlanningOmitsWhatItDoesNotKnowInsteadOfWritingZero() throws Exception {
        CycleReport error = failed(Optional.of(ErrorKind.TRANSIENT), Optional.empty());

        JsonNode line = JSON.readTree(DecisionLine.render(error, "Ebb/Controller", "ebb", T));

        assertThat(line.get("status").asText()).isEqualTo("error");
        assertThat(line.get("Errors").asInt()).isEqualTo(1);
        for (String unknown : List.of("Backlog", "ActiveTasks", "DesiredTasks")) {
            assertThat(line.has(unknown))
                    .as(unknown + " is not known: absent, not 0")
                    .isFalse();
            assertThat(line.at("/_aws/CloudWatchMetrics/0/Metrics").findValuesAsText("Name"))
                    .doesNotContain(unknown);
        }
        assertThat(line.at("/_aws/CloudWatchMetrics/0/Metrics"))
                .allSatisfy(m -> assertThat(line.path(m.get("Name").asText()).isNumber())
                        .as(m.toString())
                        .isTrue());
    }

    @Test
    void everyLaunchFailingIsAnErrorForTheAlarm() throws Exception {
        Plan plan = launchThree();
        PlanOutcome allFailed = new PlanOutcome(
                List.of(),
                List.of(new LaunchFailure("FARGATE", "RunTask failed for 3 tasks", "ClientException")),
                0,
                List.of());
        CycleReport r = planned(plan, allFailed);

        JsonNode line = JSON.readTree(DecisionLine.render(r, "Ebb/Controller", "ebb", T));

        assertThat(line.get("status").asText()).isEqualTo("launch-failed");
        assertThat(line.get("Errors").asInt()).isEqualTo(1);
        assertThat(line.get("errorKind").asText())
                .as("a failures[] entry, e.g. a Spot shortage, heals")
                .isEqualTo("transient");
        assertThat(line.get("TerminalErrors").asInt()).isZero();
        assertThat(CycleReport.statusOf(plan.action(), launched().outcome()))
                .as("one started: not an error")
                .isEqualTo(CycleReport.Status.OK);
        assertThat(CycleReport.statusOf(new Action.Hold(), PlanOutcome.NOTHING)).isEqualTo(CycleReport.Status.OK);
    }

    /** Status × kind → what the line says and which metrics alarm; only a programming error carries its trace. */
    @ParameterizedTest(name = "{0} {1} -> Errors {2}, TerminalErrors {3}")
    @CsvSource({
        "ERROR,            TERMINAL,    1, 1",
        "ERROR,            TRANSIENT,   1, 0",
        "ERROR,            PROGRAMMING, 1, 0",
        "SETTINGS_INVALID, TERMINAL,    1, 1",
        "POLICY_INVALID,   TERMINAL,    0, 0"
    })
    void errorsCarryTheirKindAndTerminalOnesTheirOwnMetric(
            CycleReport.Status status, ErrorKind kind, int errors, int terminal) throws Exception {
        Optional<String> trace = kind == ErrorKind.PROGRAMMING
                ? Optional.of("java.lang.NullPointerException\n\tat Plan.java:1")
                : Optional.empty();
        CycleReport r = failed(status, Optional.of(kind), trace);

        JsonNode line = JSON.readTree(DecisionLine.render(r, "Ebb/Controller", "ebb", T));

        assertThat(line.get("errorKind").asText()).isEqualTo(kind.label());
        assertThat(line.get("Errors").asInt()).isEqualTo(errors);
        assertThat(line.get("TerminalErrors").asInt()).isEqualTo(terminal);
        assertThat(line.has("errorTrace")).isEqualTo(kind == ErrorKind.PROGRAMMING);
        assertThat(line.at("/_aws/CloudWatchMetrics/0/Metrics").findValuesAsText("Name"))
                .contains("Errors", "TerminalErrors");
    }

    @Test
    void anOkCycleHasNoErrorKindAndAFailedOneAlwaysHasOne() {
        assertThat(JSON.valueToTree(DecisionLine.metrics(launched()))
                        .get("TerminalErrors")
                        .asInt())
                .isZero();
        assertThatThrownBy(() -> failed(Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> failed(Optional.of(ErrorKind.TRANSIENT), Optional.of("trace")))
                .as("a trace belongs to a programming error")
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A backlog of 25 and nothing running: launch 3 on Fargate. */
    private static Plan launchThree() {
        return new Plan(
                25,
                0,
                3,
                new Action.Launch(List.of(new Slice(CapacityProvider.FARGATE, 3))),
                Reason.LAUNCH,
                "launch 3",
                History.EMPTY);
    }

    /** A failed cycle that observed nothing, with the given error kind and trace. */
    private static CycleReport failed(Optional<ErrorKind> kind, Optional<String> trace) {
        return failed(CycleReport.Status.ERROR, kind, trace);
    }

    /** A cycle that ended with {@code status} and observed nothing, with the given error kind and trace. */
    private static CycleReport failed(CycleReport.Status status, Optional<ErrorKind> kind, Optional<String> trace) {
        return new CycleReport(
                status,
                T,
                false,
                "default",
                List.of(),
                Optional.empty(),
                List.of(),
                Optional.empty(),
                PlanOutcome.NOTHING,
                Optional.of("why"),
                kind,
                trace);
    }

    /** Every launch failed: terminal only when every failure is (a task definition that is gone), not when Spot was short. */
    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource({"TERMINAL,  TERMINAL,  terminal", "TERMINAL,  TRANSIENT, transient", "TRANSIENT, TRANSIENT, transient"})
    void aLaunchFailedCycleIsTerminalOnlyWhenEveryFailureIs(ErrorKind first, ErrorKind second, String kind)
            throws Exception {
        Plan plan = launchThree();
        PlanOutcome allFailed = new PlanOutcome(
                List.of(),
                List.of(
                        new LaunchFailure("FARGATE_SPOT", "RunTask failed for 2 tasks", "x", first),
                        new LaunchFailure("FARGATE", "RunTask failed for 1 tasks", "y", second)),
                0,
                List.of());
        CycleReport r = planned(plan, allFailed);

        JsonNode line = JSON.readTree(DecisionLine.render(r, "Ebb/Controller", "ebb", T));

        assertThat(line.get("errorKind").asText()).isEqualTo(kind);
        assertThat(line.get("TerminalErrors").asInt()).isEqualTo(kind.equals("terminal") ? 1 : 0);
    }

    /** A cycle that observed 25 visible messages, planned {@code plan} and acted with {@code outcome}. */
    private static CycleReport planned(Plan plan, PlanOutcome outcome) {
        return new CycleReport(
                CycleReport.statusOf(plan.action(), outcome),
                T,
                false,
                "default",
                List.of(),
                Optional.of(QueueSnapshot.of(25, 0, 0)),
                List.of(),
                Optional.of(plan),
                outcome,
                Optional.empty());
    }
}
