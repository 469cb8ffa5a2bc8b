package dev.ebb.controller.reconcile;

import static dev.ebb.controller.reconcile.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReconcilerTest {

    private static final String COVERED = "400:0 100:0";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        # case                                        | policy overrides                                   | vis | fly | del | tasks                   | history   | backlog | desired | reason           | action
        empty queue, no tasks                         |                                                    | 0   | 0   | 0   |                         |           | 0       | 0       | NOTHING_TO_DO    | hold
        one message wakes one task on the base        |                                                    | 1   | 0   | 0   |                         |           | 1       | 1       | LAUNCH           | launch FARGATE=1
        ceil(25/10)=3, base then weights 3:1          |                                                    | 25  | 0   | 0   |                         |           | 25      | 3       | LAUNCH           | launch FARGATE_SPOT=2 FARGATE=1
        exact multiple: 30/10=3                       |                                                    | 30  | 0   | 0   |                         |           | 30      | 3       | LAUNCH           | launch FARGATE_SPOT=2 FARGATE=1
        in-flight counts by default                   |                                                    | 0   | 15  | 0   |                         |           | 15      | 2       | LAUNCH           | launch FARGATE_SPOT=1 FARGATE=1
        in-flight ignored when told (blueprint)       | countInFlight: false                               | 0   | 15  | 0   |                         |           | 0       | 0       | NOTHING_TO_DO    | hold
        delayed ignored by default                    |                                                    | 0   | 0   | 30  |                         |           | 0       | 0       | NOTHING_TO_DO    | hold
        delayed counted when told                     | countDelayed: true                                 | 0   | 0   | 30  |                         |           | 30      | 3       | LAUNCH           | launch FARGATE_SPOT=2 FARGATE=1
        all three counted                             | countDelayed: true                                 | 5   | 5   | 5   |                         |           | 15      | 2       | LAUNCH           | launch FARGATE_SPOT=1 FARGATE=1
        clamped to max, limited per cycle             |                                                    | 1000| 0   | 0   |                         |           | 1000    | 20      | LAUNCH_LIMITED   | launch FARGATE_SPOT=7 FARGATE=3
        second cycle launches the rest                |                                                    | 1000| 0   | 0   | PS PS PS PS PS PS PS PF PF PF |     | 1000    | 20      | LAUNCH           | launch FARGATE_SPOT=8 FARGATE=2
        at max: nothing more                          | maxTasks: 3                                        | 1000| 0   | 0   | RS RS RF                |           | 1000    | 3       | AT_MAX           | hold
        min tasks launched on an empty queue          | minTasks: 2                                        | 0   | 0   | 0   |                         |           | 0       | 2       | LAUNCH           | launch FARGATE_SPOT=1 FARGATE=1
        min tasks kept                                | minTasks: 2                                        | 0   | 0   | 0   | RS RF                   |           | 0       | 2       | NOTHING_TO_DO    | hold
        min equals max                                | {minTasks: 4, maxTasks: 4}                         | 900 | 0   | 0   | RS RF RS RS             |           | 900     | 4       | AT_MAX           | hold
        below activation stays at zero               | activationMessages: 5                              | 4   | 0   | 0   |                         |           | 4       | 0       | BELOW_ACTIVATION | hold
        activation reached wakes                      | activationMessages: 5                              | 5   | 0   | 0   |                         |           | 5       | 1       | LAUNCH           | launch FARGATE=1
        activation ignored once awake                 | activationMessages: 50                             | 25  | 0   | 0   | RF                      |           | 25      | 3       | LAUNCH           | launch FARGATE_SPOT=2
        activation 0 behaves like 1                   | activationMessages: 0                              | 1   | 0   | 0   |                         |           | 1       | 1       | LAUNCH           | launch FARGATE=1
        activation with min: min still holds          | {activationMessages: 100, minTasks: 1}             | 50  | 0   | 0   |                         |           | 50      | 1       | LAUNCH           | launch FARGATE=1
        paused launches nothing                       | paused: true                                       | 500 | 0   | 0   |                         |           | 500     | 20      | PAUSED           | hold
        paused stops nothing                          | {paused: true, scaleDown: {mode: stop-excess, stabilizationWindowSeconds: 0}} | 0 | 0 | 0 | RS RS |        | 0       | 0       | PAUSED           | hold
        keda#525 pending tasks are not launched again |                                                    | 30  | 0   | 0   | PS PS PF                |           | 30      | 3       | NOTHING_TO_DO    | hold
        keda#525 every start-up state counts          |                                                    | 30  | 0   | 0   | VS AS PF                |           | 30      | 3       | NOTHING_TO_DO    | hold
        stopping tasks are not capacity               |                                                    | 30  | 0   | 0   | DS XS ZF                |           | 30      | 3       | LAUNCH           | launch FARGATE_SPOT=2 FARGATE=1
        only the missing ones are launched            |                                                    | 30  | 0   | 0   | RF                      |           | 30      | 3       | LAUNCH           | launch FARGATE_SPOT=2
        existing tasks steer the split                |                                                    | 50  | 0   | 0   | RF                      |           | 50      | 5       | LAUNCH           | launch FARGATE_SPOT=3 FARGATE=1
        tasks without a provider count as capacity    |                                                    | 30  | 0   | 0   | R- R-                   |           | 30      | 3       | LAUNCH           | launch FARGATE=1
        keda#1663 in-flight keeps the last task       |                                                    | 0   | 1   | 0   | RS                      |           | 1       | 1       | NOTHING_TO_DO    | hold
        keda#1663 drain never stops the last task     | countInFlight: false                               | 0   | 1   | 0   | RS                      |           | 0       | 0       | DRAINING         | hold
        keda#1663 stop-excess spares a busy last task | {countInFlight: false, scaleDown: {mode: stop-excess}} | 0 | 1 | 0  | RS                      | 400:0 100:0 | 0     | 0       | BUSY             | hold
        keda#2098 lower max, drain stops nothing      | maxTasks: 2                                        | 0   | 10  | 0   | RS RS RS RS RS RS RS RS RS RS |     | 10      | 1       | DRAINING         | hold
        keda#2098 lower max, stop-excess spares busy  | {maxTasks: 2, scaleDown: {mode: stop-excess}}      | 0   | 10  | 0   | RS RS RS RS RS RS RS RS RS RS | 400:1 | 10    | 1       | BUSY             | hold
        keda#2098 stops only what cannot be busy      | {maxTasks: 2, scaleDown: {mode: stop-excess}}      | 0   | 3   | 0   | RS RS RS RS RS RS RS RS RS RS | 400:1 | 3     | 1       | STOP_EXCESS      | stop t10 t9 t8 t7 t6 t5 t4
        stop-excess waits for a full window           | scaleDown: {mode: stop-excess}                     | 0   | 0   | 0   | RS RS                   | 200:0     | 0       | 0       | STABILIZING      | hold
        stop-excess without memory stops nothing      | scaleDown: {mode: stop-excess}                     | 0   | 0   | 0   | RS RS                   |           | 0       | 0       | STABILIZING      | hold
        stop-excess keeps the window's highest desire | scaleDown: {mode: stop-excess}                     | 0   | 0   | 0   | RS RS RS RS RS RS RS RS | 400:9 200:5 | 0     | 0       | STOP_EXCESS      | stop t8 t7 t6
        stop-excess: window max covers all active     | scaleDown: {mode: stop-excess}                     | 0   | 0   | 0   | RS RS RS                | 400:0 100:3 | 0     | 0       | STABILIZING      | hold
        stop-excess stops idle surplus after window   | scaleDown: {mode: stop-excess}                     | 0   | 0   | 0   | RS RS                   | 400:0 100:0 | 0     | 0       | STOP_EXCESS      | stop t2 t1
        stop-excess keeps desired, stops the rest     | scaleDown: {mode: stop-excess}                     | 10  | 0   | 0   | RS RS RS                | 400:1 100:1 | 10    | 1       | STOP_EXCESS      | stop t3 t2
        stop-excess: not-yet-running go first         | scaleDown: {mode: stop-excess, stabilizationWindowSeconds: 0} | 0 | 1 | 0 | RS PS RS |    | 1       | 1       | STOP_EXCESS      | stop t2 t3
        stop-excess: known idle before unknown        | {countInFlight: false, scaleDown: {mode: stop-excess, stabilizationWindowSeconds: 0}} | 0 | 1 | 0 | RS~ RS RS! | | 0 | 0 | STOP_EXCESS | stop t1 t2
        stop-excess never stops a known busy task     | {countInFlight: false, scaleDown: {mode: stop-excess, stabilizationWindowSeconds: 0}} | 0 | 1 | 0 | RS! | | 0 | 0 | BUSY | hold
        window 0 stops at once                        | {scaleDown: {mode: stop-excess, stabilizationWindowSeconds: 0}} | 0 | 0 | 0 | RS |       | 0       | 0       | STOP_EXCESS      | stop t1
        drain holds surplus                           |                                                    | 0   | 0   | 0   | RS RS RF                |           | 0       | 0       | DRAINING         | hold
        single provider gets everything               | capacityProviders: [{name: FARGATE, weight: 1}]    | 95  | 0   | 0   |                         |           | 95      | 10      | LAUNCH           | launch FARGATE=10
        spot only                                     | capacityProviders: [{name: FARGATE_SPOT, weight: 1}] | 25 | 0  | 0   |                         |           | 25      | 3       | LAUNCH           | launch FARGATE_SPOT=3
        per-cycle limit of one                        | maxLaunchesPerCycle: 1                             | 95  | 0   | 0   |                         |           | 95      | 10      | LAUNCH_LIMITED   | launch FARGATE=1
        large target                                  | targetMessagesPerTask: 1000                        | 1001| 0   | 0   |                         |           | 1001    | 2       | LAUNCH           | launch FARGATE_SPOT=1 FARGATE=1
        """)
    void decides(
            String name,
            String overrides,
            long visible,
            long inFlight,
            long delayed,
            String tasks,
            String history,
            long backlog,
            int desired,
            Reason reason,
            String action) {
        String policyText = overrides == null
                ? ""
                : overrides.startsWith("{") ? overrides.substring(1, overrides.length() - 1) : overrides;
        String historyWords = history == null ? "" : history;
        Observation observation = new Observation(
                QueueSnapshot.of(visible, inFlight, delayed),
                Fixtures.tasks(tasks == null ? "" : tasks),
                Fixtures.history(historyWords));

        Plan plan = Reconciler.plan(observation, Fixtures.policy(policyText), NOW);

        assertThat(plan.reason()).as(plan.why()).isEqualTo(reason);
        assertThat(Fixtures.describe(plan.action())).as(plan.why()).isEqualTo(action);
        assertThat(plan.backlog()).isEqualTo(backlog);
        assertThat(plan.desired()).isEqualTo(desired);
        assertThat(plan.why()).isNotBlank();
    }

    @Test
    void theSamePlanTwiceForTheSameWorld() {
        Observation o = new Observation(QueueSnapshot.of(25, 3, 0), Fixtures.tasks("RS PF"), Fixtures.history(COVERED));
        assertThat(Reconciler.plan(o, Fixtures.policy(""), NOW))
                .isEqualTo(Reconciler.plan(o, Fixtures.policy(""), NOW));
    }

    @Test
    void everyPlanRemembersThisCyclesDesiredCount() {
        Observation o =
                new Observation(QueueSnapshot.of(25, 0, 0), Fixtures.tasks(""), Fixtures.history("1000:9 400:1 100:2"));

        Plan plan = Reconciler.plan(o, Fixtures.policy(""), NOW);

        assertThat(plan.history().samples()).extracting(History.Sample::desired).containsExactly(1, 2, 3);
        assertThat(plan.history().samples().getLast().at()).isEqualTo(NOW);
    }

    @Test
    void aHistoryCarriedAcrossCyclesEventuallyAllowsStopExcess() {
        var policy = Fixtures.policy("scaleDown: {mode: stop-excess, stabilizationWindowSeconds: 300}");
        History history = History.EMPTY;
        Reason last = null;
        for (int cycle = 0; cycle <= 3; cycle++) {
            var now = NOW.plusSeconds(120L * cycle);
            Plan plan = Reconciler.plan(
                    new Observation(QueueSnapshot.of(0, 0, 0), Fixtures.tasks("RS RS"), history), policy, now);
            history = plan.history();
            last = plan.reason();
            if (cycle < 3) {
                assertThat(last).as("cycle %d at %ds", cycle, 120 * cycle).isEqualTo(Reason.STABILIZING);
            }
        }
        assertThat(last).isEqualTo(Reason.STOP_EXCESS);
    }
}
