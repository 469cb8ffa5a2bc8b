package dev.ebb.controller.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.controller.policy.CapacityProvider;
import dev.ebb.controller.port.Budget;
import dev.ebb.controller.port.LaunchResult;
import dev.ebb.controller.reconcile.ObservedTask;
import dev.ebb.controller.reconcile.TaskState;
import dev.ebb.controller.testing.EcsWorld;
import dev.ebb.emulators.MotoServer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Task;

/** The ECS adapter against moto in server mode. */
class EcsTaskFleetIT {

    private static MotoServer moto;
    private static EcsClient ecs;
    private EcsWorld world;
    private EcsTaskFleet fleet;

    @BeforeAll
    static void startMoto() throws Exception {
        moto = MotoServer.shared();
        ecs = AwsClients.ecs(Optional.of(Region.US_EAST_1), Optional.of(moto.endpoint()));
    }

    @AfterAll
    static void closeClient() {
        ecs.close();
    }

    @BeforeEach
    void freshWorld() throws Exception {
        world = EcsWorld.create(moto, ecs);
        fleet = new EcsTaskFleet(
                ecs,
                world.fleet("ebb-controller"),
                new Retrying(Retrying.Backoff.DEFAULT, Budget.fixed(Duration.ofSeconds(30))));
    }

    @Test
    void launchesMoreThanOneRunTaskCanWithTheRightStrategyOverridesAndStartedBy() {
        LaunchResult result = fleet.launch(CapacityProvider.FARGATE_SPOT, 23, "ebb-test-1");

        assertThat(result.started()).hasSize(23).doesNotHaveDuplicates();
        assertThat(result.failures()).isEmpty();
        List<Task> tasks = ecs.describeTasks(
                        r -> r.cluster(world.cluster()).tasks(result.started().subList(0, 1)))
                .tasks();
        Task task = tasks.getFirst();
        assertThat(task.startedBy()).isEqualTo("ebb-controller");
        assertThat(task.capacityProviderName()).isEqualTo("FARGATE_SPOT");
        assertThat(task.taskDefinitionArn()).isEqualTo(world.taskDefinitionArn());
        assertThat(task.overrides().containerOverrides()).singleElement().satisfies(o -> {
            assertThat(o.name()).isEqualTo("worker");
            assertThat(o.environment()).singleElement().satisfies(kv -> {
                assertThat(kv.name()).isEqualTo("EBB_QUEUE_URL");
                assertThat(kv.value()).isEqualTo("http://queue.test/ebb");
            });
        });
        assertThat(task.attachments().getFirst().details())
                .anySatisfy(d -> assertThat(d.value()).isEqualTo(world.subnet()));
    }

    @Test
    void listsOnlyItsOwnTasksWithStateAndProvider() {
        fleet.launch(CapacityProvider.FARGATE_SPOT, 2, "k1");
        fleet.launch(CapacityProvider.FARGATE, 1, "k2");
        new EcsTaskFleet(
                        ecs,
                        world.fleet("someone-else"),
                        new Retrying(Retrying.Backoff.DEFAULT, Budget.fixed(Duration.ofSeconds(30))))
                .launch(CapacityProvider.FARGATE, 4, "k3");

        List<ObservedTask> mine = fleet.list();

        assertThat(mine).hasSize(3).allSatisfy(t -> assertThat(t.state()).isEqualTo(TaskState.RUNNING));
        assertThat(mine)
                .extracting(t -> t.provider().orElseThrow())
                .containsExactlyInAnyOrder(
                        CapacityProvider.FARGATE_SPOT, CapacityProvider.FARGATE_SPOT, CapacityProvider.FARGATE);
    }

    @Test
    void listingRepeatedlyDoesNotAgeTasks() {
        fleet.launch(CapacityProvider.FARGATE, 2, "k1");

        for (int i = 0; i < 5; i++) {
            assertThat(fleet.list()).as("cycle %d", i).hasSize(2).allMatch(t -> t.state() == TaskState.RUNNING);
        }
    }

    @Test
    void stoppedTasksNoLongerCount() {
        List<String> started = fleet.launch(CapacityProvider.FARGATE, 3, "k1").started();

        fleet.stop(started.get(1), "test");

        assertThat(fleet.list()).extracting(ObservedTask::id).containsExactlyInAnyOrder(started.get(0), started.get(2));
    }
}
