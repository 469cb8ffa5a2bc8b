package dev.ebb.local.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.controller.port.LoadWindows;
import dev.ebb.controller.reconcile.LoadMeasurement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LocalLoadTest {

    private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void aYoungRunIsMeasuredOverItsOwnAgeAndAnOldOneOverTheWindow() {
        MutableClock clock = new MutableClock(T0);
        LocalLoad load = new LocalLoad(clock);
        clock.now = T0.plusSeconds(10);
        load.sent(100);
        load.reported(40, 2.0);

        LoadMeasurement young = load.read(T0.plusSeconds(20));
        assertThat(young.recent().orElseThrow().length()).isEqualTo(Duration.ofSeconds(20));
        assertThat(young.recent().orElseThrow().sent()).hasValue(100);
        assertThat(young.recent().orElseThrow().processed()).isEqualTo(40);
        assertThat(young.longTerm().orElseThrow().busyTaskSeconds()).isEqualTo(2.0);

        clock.now = T0.plus(LoadWindows.RECENT).plusSeconds(30);
        load.reported(5, 1.0);
        LoadMeasurement old = load.read(clock.now);
        assertThat(old.recent().orElseThrow().length()).isEqualTo(LoadWindows.RECENT);
        assertThat(old.recent().orElseThrow().sent())
                .as("the first report fell out of the recent window")
                .hasValue(0);
        assertThat(old.recent().orElseThrow().processed()).isEqualTo(5);
        assertThat(old.longTerm().orElseThrow().processed()).isEqualTo(45);
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
