package dev.ebb.simulator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ebb.controller.policy.CapacityProvider;
import dev.ebb.simulator.model.Prices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CostTest {

    @ParameterizedTest(name = "ran {0} ms -> billed {1} ms")
    @CsvSource({
        "0,        60000", // a task that never ran still costs the minimum minute
        "1,        60000",
        "59999,    60000",
        "60000,    60000",
        "60001,    61000", // per second, rounded up
        "61000,    61000",
        "3600000,  3600000",
        "-5,       60000",
    })
    void fargateBillsPerSecondWithAOneMinuteMinimum(long ran, long billed) {
        assertThat(Usage.billedMillis(ran)).isEqualTo(billed);
    }

    @ParameterizedTest(name = "{0} h FARGATE + {1} h SPOT at {2} vCPU / {3} GB -> ${4}")
    @CsvSource({
        // hours on FARGATE, hours on FARGATE_SPOT, vCPU, GB, expected USD with the us-east-1 defaults
        "1, 0, 1,   2, 0.04937", // 0.04048 + 2 x 0.004445
        "0, 1, 1,   2, 0.014811", // 0.012144 + 2 x 0.0013335
        "1, 1, 1,   2, 0.064181",
        "2, 0, 0.5, 1, 0.04937", // half the size for twice as long
        "10, 0, 0.25, 0.5, 0.123425", // 10 x (0.25 x 0.04048 + 0.5 x 0.004445)
        "0, 0, 4,   8, 0",
    })
    void costIsTaskHoursTimesSizeTimesPrice(double fargateHours, double spotHours, double vcpu, double gb, double usd) {
        Usage u = new Usage();
        if (fargateHours > 0) {
            u.addTask(CapacityProvider.FARGATE, 0, (long) (fargateHours * 3_600_000));
        }
        if (spotHours > 0) {
            u.addTask(CapacityProvider.FARGATE_SPOT, 0, (long) (spotHours * 3_600_000));
        }

        Cost c = Cost.of(u, vcpu, gb, Prices.US_EAST_1);

        assertThat(c.usd()).isCloseTo(usd, within(1e-9));
        assertThat(c.vcpuHours()).isCloseTo((fargateHours + spotHours) * vcpu, within(1e-9));
        assertThat(c.gbHours()).isCloseTo((fargateHours + spotHours) * gb, within(1e-9));
        assertThat(c.taskMinutes()).isCloseTo((fargateHours + spotHours) * 60, within(1e-9));
        assertThat(c.spotTaskMinutes()).isCloseTo(spotHours * 60, within(1e-9));
    }

    @Test
    void manyShortTasksEachPayTheMinimum() {
        Usage u = new Usage();
        for (int i = 0; i < 10; i++) {
            u.addTask(CapacityProvider.FARGATE, 0, 10_000);
        }

        Cost c = Cost.of(u, 1, 2, new Prices(1, 0, 0, 0));

        assertThat(c.taskMinutes()).isEqualTo(10.0);
        assertThat(c.usd()).isCloseTo(10 / 60.0, within(1e-12)); // 10 task-minutes at $1 per vCPU-hour
    }

    @Test
    void spotIsPricedApartFromOnDemand() {
        Usage u = new Usage();
        u.addTask(CapacityProvider.FARGATE_SPOT, 0, 3_600_000);

        assertThat(Cost.of(u, 1, 1, new Prices(100, 100, 1, 2)).usd()).isCloseTo(3.0, within(1e-12));
    }
}
