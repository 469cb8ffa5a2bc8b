package dev.ebb.controller.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.controller.errors.ErrorKind;
import dev.ebb.controller.policy.CapacityProvider;
import dev.ebb.controller.policy.PolicyParser;
import dev.ebb.controller.port.LaunchResult;
import dev.ebb.controller.port.TaskFleet;
import dev.ebb.controller.reconcile.LoadMeasurement;
import dev.ebb.controller.reconcile.ObservedTask;
import dev.ebb.controller.reconcile.QueueSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.EcsException;

/** What ECS throws while the cycle lists the fleet → the cycle's status, kind, and whether its trace is kept. */
class ControllerCycleTest {

    private static final Instant T = Instant.parse("2026-01-01T12:00:00Z");

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(
                        ClusterNotFoundException.builder()
                                .statusCode(400)
                                .awsErrorDetails(AwsErrorDetails.builder()
                                        .errorCode("ClusterNotFoundException")
                                        .build())
                                .message("Cluster not found.")
                                .build(),
                        ErrorKind.TERMINAL),
                Arguments.of(
                        EcsException.builder()
                                .statusCode(400)
                                .awsErrorDetails(AwsErrorDetails.builder()
                                        .errorCode("ThrottlingException")
                                        .build())
                                .message("Rate exceeded")
                                .build(),
                        ErrorKind.TRANSIENT),
                Arguments.of(new NullPointerException("Cannot invoke \"String.length()\""), ErrorKind.PROGRAMMING));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("failures")
    void anErrorIsTypedAndOnlyABugKeepsItsStackTrace(RuntimeException thrown, ErrorKind kind) {
        ControllerCycle cycle = new ControllerCycle(
                PolicyParser::parseBundled,
                () -> QueueSnapshot.of(25, 0, 0),
                failingFleet(thrown),
                now -> LoadMeasurement.UNKNOWN,
                HistoryStore.inMemory(),
                "test");

        CycleReport report = cycle.run(T, T, false);

        assertThat(report.status()).isEqualTo(CycleReport.Status.ERROR);
        assertThat(report.errorKind()).contains(kind);
        assertThat(report.error())
                .hasValueSatisfying(
                        e -> assertThat(e).startsWith(thrown.getClass().getSimpleName() + ": "));
        assertThat(report.queue())
                .as("what was observed before the failure is kept")
                .contains(QueueSnapshot.of(25, 0, 0));
        if (kind == ErrorKind.PROGRAMMING) {
            assertThat(report.trace())
                    .hasValueSatisfying(t -> assertThat(t)
                            .startsWith("java.lang.NullPointerException")
                            .contains("at " + ControllerCycleTest.class.getName()));
        } else {
            assertThat(report.trace()).isEmpty();
        }
    }

    private static TaskFleet failingFleet(RuntimeException e) {
        return new TaskFleet() {
            @Override
            public List<ObservedTask> list() {
                throw e;
            }

            @Override
            public LaunchResult launch(CapacityProvider provider, int count, String idempotencyKey) {
                throw new AssertionError("nothing is launched after a failed observation");
            }

            @Override
            public void stop(String taskId, String reason) {
                throw new AssertionError("nothing is stopped after a failed observation");
            }
        };
    }
}
