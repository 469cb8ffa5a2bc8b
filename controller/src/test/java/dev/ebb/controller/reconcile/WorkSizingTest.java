package dev.ebb.controller.reconcile;

import static dev.ebb.controller.reconcile.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.ebb.controller.policy.ScalingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Sizing by work (docs/controller.md). The work-sized base policy: drain within 3m at 80%
 * utilization, 10 msg/s and 60 s assumed until measured, 0..20 tasks, Spot 3:1 over one on-demand
 * base, stop-excess after 300 s, at most 60 stops an hour. Load: recent SENT/PROCESSED/BUSY over
 * 600 s, long-term PROCESSED/BUSY over 24 h; "60000/60000/600" is 100 msg/s arriving and 100 msg/s
 * per busy task.
 */
class WorkSizingTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        # case                                          | overrides                                       | vis   | fly | tasks                         | history     | recent            | long          | desired | reason              | action
        cold start: the guess, half of it first         |                                                 | 3600  | 0   |                               |             |                   |               | 3       | LAUNCH_LIMITED      | launch FARGATE_SPOT=1 FARGATE=1
        cold start: half the count even with two up     |                                                 | 36000 | 0   | RF RS                         |             |                   |               | 20      | LAUNCH_LIMITED      | launch FARGATE_SPOT=6 FARGATE=2
        cold start: then at most doubling               |                                                 | 36000 | 0   | RF RS RS RS RS RS RS RS       |             |                   |               | 20      | LAUNCH_LIMITED      | launch FARGATE_SPOT=5 FARGATE=3
        cold start: one task is one task                | {work: {drainWithin: 3m, assumedThroughputPerTask: 100}} | 50 | 0 |                 |             |                   |               | 1       | LAUNCH              | launch FARGATE=1
        measured throughput sizes a burst               |                                                 | 36000 | 0   |                               |             | 96000/60000/600   |               | 4       | LAUNCH              | launch FARGATE_SPOT=3 FARGATE=1
        long-term throughput after a quiet night        |                                                 | 36000 | 0   |                               |             |                   | 864000/8640   | 3       | LAUNCH              | launch FARGATE_SPOT=2 FARGATE=1
        too little reported work: back to the guess     |                                                 | 3600  | 0   |                               |             | 100/10/5          |               | 3       | LAUNCH_LIMITED      | launch FARGATE_SPOT=1 FARGATE=1
        without SQS's count, processed is the rate      |                                                 | 0     | 200 | RS RF                         | 400:2 100:2 | -/60000/600       |               | 2       | NOTHING_TO_DO       | hold
        steady load: keeps up with arrivals             |                                                 | 0     | 200 | RS RF                         | 400:2 100:2 | 60000/60000/600   |               | 2       | NOTHING_TO_DO       | hold
        steady load, too many tasks: stops the surplus  |                                                 | 0     | 200 | RF RF RS RS RS RS RS RS RS RS | 400:2 100:2 | 60000/60000/600   |               | 2       | STOP_EXCESS         | stop t10 t9 t8 t7 t6 t5 t2 t4
        arrivals above capacity: no stop, one more      |                                                 | 0     | 200 | RS RS                         | 400:1 100:1 | 102000/60000/600  |               | 3       | LAUNCH              | launch FARGATE=1
        within the scale-in tolerance: no stop          |                                                 | 0     | 0   | RS RS RS                      | 400:2 100:2 | 93600/60000/600   |               | 2       | STABILIZING         | hold
        a higher count within the window keeps tasks    |                                                 | 0     | 200 | RS RS RS RS                   | 400:2 100:4 | 60000/60000/600   |               | 2       | STABILIZING         | hold
        window not watched yet: no stop                 |                                                 | 0     | 200 | RS RS RS RS                   | 200:2       | 60000/60000/600   |               | 2       | STABILIZING         | hold
        running tasks finish the backlog before start   | {work: {drainWithin: 2m, assumedStartLatency: 110s}} | 20000 | 0 | RS RS                  | 400:2 100:2 | 0/60000/600       |               | 3       | DRAINS_BEFORE_START | hold
        the same backlog with slower tasks launches     | {work: {drainWithin: 2m, assumedStartLatency: 110s}} | 20000 | 0 | RS RS                  | 400:2 100:2 | 0/30000/600       |               | 5       | LAUNCH              | launch FARGATE_SPOT=1 FARGATE=2
        observed start-up decides, not the guess        | {work: {drainWithin: 2m, assumedStartLatency: 110s}} | 20000 | 0 | RS@20 RS@20            | 400:2 100:2 | 0/60000/600       |               | 3       | LAUNCH              | launch FARGATE=1
        keda#525 pending tasks are not launched again   |                                                 | 36000 | 0   | PS PS PF PS                   |             | 96000/60000/600   |               | 4       | NOTHING_TO_DO       | hold
        keda#1663 in-flight keeps the last task         |                                                 | 0     | 1   | RS                            | 400:1 100:1 | 60/6000/60        |               | 1       | NOTHING_TO_DO       | hold
        keda#1663 drain mode never stops a task         | {scaleDown: {mode: drain}}                      | 0     | 0   | RS RS                         | 400:0 100:0 |                   |               | 0       | DRAINING            | hold
        keda#2098 lower max: stop down to it, gracefully| {maxTasks: 2}                                   | 0     | 10  | RS RS RS RS RS RS RS RS RS RS | 400:2 100:2 | 600000/6000/60    |               | 2       | STOP_EXCESS         | stop t10 t9 t8 t7 t6 t5 t4 t3
        not-running tasks go first, then known idle     |                                                 | 0     | 0   | RS RS~ PS RS                  | 400:1 100:1 | 6000/6000/60      |               | 1       | STOP_EXCESS         | stop t3 t2 t4
        known busy tasks go last                        |                                                 | 0     | 0   | RS! RS RS!                    | 400:1 100:1 | 6000/6000/60      |               | 1       | STOP_EXCESS         | stop t2 t3
        min tasks on an empty queue                     | {minTasks: 2}                                   | 0     | 0   |                               |             |                   |               | 2       | LAUNCH              | launch FARGATE_SPOT=1 FARGATE=1
        below activation stays at zero                  | {activationMessages: 50}                        | 49    | 0   |                               |             | 60000/60000/600   |               | 0       | BELOW_ACTIVATION    | hold
        clamped to max                                  |                                                 | 900000| 0   |                               |             | 60000/60000/600   |               | 20      | LAUNCH              | launch FARGATE_SPOT=15 FARGATE=5
        paused does nothing                             | {paused: true}                                  | 36000 | 0   |                               |             | 96000/60000/600   |               | 4       | PAUSED              | hold
        """)
    void decides(
            String name,
            String overrides,
            long visible,
            long inFlight,
            String tasks,
            String history,
            String recent,
            String longTerm,
            int desired,
            Reason reason,
            String action) {
        String policyText = overrides == null ? "" : overrides.substring(1, overrides.length() - 1);
        Observation observation = new Observation(
                QueueSnapshot.of(visible, inFlight, 0),
                Fixtures.tasks(tasks == null ? "" : tasks),
                Fixtures.history(history == null ? "" : history),
                Fixtures.load(recent, longTerm));

        Plan plan = Reconciler.plan(observation, Fixtures.workPolicy(policyText), NOW);

        assertThat(plan.reason()).as(plan.why()).isEqualTo(reason);
        assertThat(Fixtures.describe(plan.action())).as(plan.why()).isEqualTo(action);
        assertThat(plan.desired()).as(plan.why()).isEqualTo(desired);
        assertThat(plan.estimate())
                .as("a work-sized plan says what it planned with")
                .isPresent();
        assertThat(plan.why()).contains("msg/s per task").doesNotContain("NaN");
    }

    @ParameterizedTest(name = "recent {0}, long {1}, tasks [{2}] -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        # recent           | long          | tasks          | arrivals | from   | per task | from      | start | from
        -                  | -             |                | 0.0      | none   | 10.0     | assumed   | 60    | assumed
        60000/60000/600    | -             |                | 100.0    | recent | 100.0    | recent    | 60    | assumed
        -/30000/600        | 864000/8640   |                | 50.0     | recent | 50.0     | recent    | 60    | assumed
        100/19/600         | 864000/8640   | RS@45 RS@30 RS@90 | 0.167 | recent | 100.0    | long-term | 45    | observed
        100/100/59         | -             | PS RS          | 0.167    | recent | 10.0     | assumed   | 60    | assumed
        """)
    void estimatesSayWhereEachRateCameFrom(
            String recent,
            String longTerm,
            String tasks,
            double arrivals,
            String arrivalsFrom,
            double perTask,
            String perTaskFrom,
            long start,
            String startFrom) {
        Plan plan = Reconciler.plan(
                new Observation(
                        QueueSnapshot.of(0, 0, 0),
                        Fixtures.tasks(tasks == null ? "" : tasks),
                        History.EMPTY,
                        Fixtures.load(recent, longTerm)),
                Fixtures.workPolicy(""),
                NOW);

        Estimate e = plan.estimate().orElseThrow();
        assertThat(e.arrivalsPerSecond()).isCloseTo(arrivals, offset(0.001));
        assertThat(e.arrivalsBasis().label()).isEqualTo(arrivalsFrom);
        assertThat(e.throughputPerTask()).isEqualTo(perTask);
        assertThat(e.throughputBasis().label()).isEqualTo(perTaskFrom);
        assertThat(e.startLatency()).isEqualTo(Duration.ofSeconds(start));
        assertThat(e.startLatencyBasis().label()).isEqualTo(startFrom);
    }

    /** A cold start's first measurement: what the queue drained since the last tick, over the task-seconds running. */
    @Test
    void withNothingInCloudWatchTheQueuesDrainMeasuresTheTasks() {
        History before = History.EMPTY.withBacklog(NOW.minusSeconds(120), 100_000);
        Observation o = new Observation(
                QueueSnapshot.of(60_000, 0, 0), Fixtures.tasks("RS@30 RS@30"), before, LoadMeasurement.UNKNOWN);

        Estimate e = Reconciler.plan(o, Fixtures.workPolicy(""), NOW).estimate().orElseThrow();

        assertThat(e.throughputBasis()).isEqualTo(Estimate.Basis.DRAINED);
        assertThat(e.throughputPerTask())
                .as("40,000 messages in 2 x 120 task-seconds")
                .isCloseTo(166.67, offset(0.01));

        Observation drainedDry = new Observation(
                QueueSnapshot.of(0, 0, 0), Fixtures.tasks("RS@30 RS@30"), before, LoadMeasurement.UNKNOWN);
        assertThat(Reconciler.plan(drainedDry, Fixtures.workPolicy(""), NOW)
                        .estimate()
                        .orElseThrow()
                        .throughputBasis())
                .as("an empty queue says the tasks ran out of work, not how fast they are")
                .isEqualTo(Estimate.Basis.ASSUMED);
    }

    @Test
    void aStartLatencyOnceSeenIsRememberedWhenNoTaskShowsOne() {
        ScalingPolicy policy = Fixtures.workPolicy("");
        Plan seen = Reconciler.plan(
                new Observation(QueueSnapshot.of(0, 0, 0), Fixtures.tasks("RS@42"), History.EMPTY), policy, NOW);
        Plan later = Reconciler.plan(
                new Observation(QueueSnapshot.of(500, 0, 0), List.of(), seen.history()), policy, NOW.plusSeconds(600));

        assertThat(later.estimate().orElseThrow().startLatency()).isEqualTo(Duration.ofSeconds(42));
        assertThat(later.estimate().orElseThrow().startLatencyBasis()).isEqualTo(Estimate.Basis.REMEMBERED);
    }

    @Test
    void theHourlyStopBoundHoldsAndThenLimits() {
        ScalingPolicy policy = Fixtures.workPolicy(
                "scaleDown: {mode: stop-excess, stabilizationWindowSeconds: 0, maxStopsPerHour: 3}");
        QueueSnapshot empty = QueueSnapshot.of(0, 0, 0);
        History twoStops = History.EMPTY.withStops(NOW.minusSeconds(1800), 2);

        Plan limited = Reconciler.plan(new Observation(empty, Fixtures.tasks("RS RS RS RS"), twoStops), policy, NOW);
        assertThat(limited.reason()).as(limited.why()).isEqualTo(Reason.STOP_LIMITED);
        assertThat(Fixtures.describe(limited.action())).isEqualTo("stop t4");
        assertThat(limited.history().stopsWithinHour(NOW)).isEqualTo(3);

        Plan held = Reconciler.plan(
                new Observation(empty, Fixtures.tasks("RS RS RS"), limited.history()), policy, NOW.plusSeconds(120));
        assertThat(held.reason()).as(held.why()).isEqualTo(Reason.STOP_LIMITED);
        assertThat(held.action()).isEqualTo(Action.HOLD);

        Plan anHourLater = Reconciler.plan(
                new Observation(empty, Fixtures.tasks("RS RS RS"), held.history()), policy, NOW.plusSeconds(3601));
        assertThat(anHourLater.reason()).as(anHourLater.why()).isEqualTo(Reason.STOP_EXCESS);
    }

    /** A fleet of ten under a steady 100 msg/s that two tasks handle: down to two within the window plus a tick, then still. */
    @Test
    void aSteadyLoadShrinksToItsWorkBasedSizeAndStaysThere() {
        World world = new World(Fixtures.workPolicy(""), "RS RS RS RS RS RS RS RS RS RS");
        for (int tick = 0; tick < 12; tick++) {
            world.tick(QueueSnapshot.of(0, 200, 0), steady(100, 100));
        }
        assertThat(world.activeAfterTick)
                .as("active after each tick")
                .containsExactly(10, 10, 10, 2, 2, 2, 2, 2, 2, 2, 2, 2);
        assertThat(world.stops).isEqualTo(8);
    }

    /** A spike of 100,000 on top of the steady load grows the fleet; once it is worked off, the fleet returns to two. */
    @Test
    void aSpikeOnASteadyLoadReturnsToTheSteadySize() {
        World world = new World(Fixtures.workPolicy(""), "RS RS");
        world.tick(QueueSnapshot.of(0, 200, 0), steady(100, 100));
        world.tick(QueueSnapshot.of(100_000, 200, 0), steady(100, 100));
        int peak = world.activeAfterTick.getLast();
        for (int tick = 0; tick < 3; tick++) {
            world.tick(QueueSnapshot.of(40_000 - 20_000L * tick, 400, 0), steady(100, 100));
        }
        for (int tick = 0; tick < 6; tick++) {
            world.tick(QueueSnapshot.of(0, 200, 0), steady(100, 100));
        }
        assertThat(peak).isGreaterThan(2);
        assertThat(world.activeAfterTick.getLast()).isEqualTo(2);
        assertThat(world.launches).isEqualTo(peak - 2);
        assertThat(world.stops).isEqualTo(peak - 2);
    }

    private static LoadMeasurement steady(long arrivalsPerSecond, long perTask) {
        return LoadMeasurement.of(
                new LoadMeasurement.Window(
                        Duration.ofMinutes(10), OptionalLong.of(arrivalsPerSecond * 600), perTask * 600, 600),
                null);
    }

    /** The reconciler in a loop, as the Lambda runs it: tasks it launches come up by the next tick, stopped ones are gone. */
    private static final class World {
        private final ScalingPolicy policy;
        private final List<ObservedTask> tasks;
        private History history = History.EMPTY;
        private Instant now = NOW;
        private int next;
        final List<Integer> activeAfterTick = new ArrayList<>();
        int launches;
        int stops;

        World(ScalingPolicy policy, String tasks) {
            this.policy = policy;
            this.tasks = new ArrayList<>(Fixtures.tasks(tasks));
            this.next = this.tasks.size();
        }

        void tick(QueueSnapshot queue, LoadMeasurement load) {
            Plan plan = Reconciler.plan(new Observation(queue, tasks, history, load), policy, now);
            history = plan.history();
            switch (plan.action()) {
                case Action.Hold h -> {}
                case Action.Launch l ->
                    l.slices().forEach(s -> {
                        for (int i = 0; i < s.count(); i++) {
                            tasks.add(new ObservedTask(
                                    "t" + ++next, TaskState.RUNNING, Optional.of(s.provider()), now, Busy.UNKNOWN));
                            launches++;
                        }
                    });
                case Action.Stop s -> {
                    tasks.removeIf(t -> s.taskIds().contains(t.id()));
                    stops += s.taskIds().size();
                }
            }
            activeAfterTick.add(tasks.size());
            now = now.plusSeconds(120);
        }
    }
}
