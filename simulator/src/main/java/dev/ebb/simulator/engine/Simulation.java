package dev.ebb.simulator.engine;

import dev.ebb.controller.policy.ScalingPolicy;
import dev.ebb.simulator.RunResult;
import dev.ebb.simulator.arrivals.Arrivals;
import dev.ebb.simulator.metrics.Cost;
import dev.ebb.simulator.metrics.Timeline;
import dev.ebb.simulator.metrics.WaitHistogram;
import dev.ebb.simulator.model.ModelParameters;
import dev.ebb.simulator.model.Prices;
import java.util.SplittableRandom;

/**
 * One policy against one load: a discrete-event loop over arrivals, the controller's ticks and the
 * workers. Deterministic for a given seed.
 */
public final class Simulation {

    /** How often backlog and task count are sampled for the chart. */
    public static final long SAMPLE_MILLIS = 5_000;

    private final ScalingPolicy policy;
    private final ModelParameters p;
    private final Prices prices;
    private final Arrivals arrivals;
    private final long duration;
    private final Events events = new Events();
    private final SimQueue queue = new SimQueue();
    private final WaitHistogram waits = new WaitHistogram();
    private final Fleet fleet;
    private final ControlLoop control;
    private final LoadMeter load;
    private final Timeline timeline = new Timeline();
    private final long lastArrival;
    private long arrived;
    private long maxBacklog;
    private long drainedAt = -1;
    private long eventCount;

    private Simulation(ScalingPolicy policy, ModelParameters p, Prices prices, Arrivals arrivals, long durationMillis) {
        this.policy = policy;
        this.p = p;
        this.prices = prices;
        this.arrivals = arrivals.until(durationMillis);
        this.duration = durationMillis;
        this.load = new LoadMeter(p.measurement(), p.concurrency());
        this.fleet = new Fleet(p, events, queue, waits, load, new SplittableRandom(p.seed()));
        this.control = new ControlLoop(policy, queue, new SimulatedEcs(p, fleet), load);
        this.lastArrival = this.arrivals.lastArrival();
    }

    public static RunResult run(
            ScalingPolicy policy, ModelParameters p, Prices prices, Arrivals arrivals, long durationMillis) {
        return new Simulation(policy, p, prices, arrivals, durationMillis).run();
    }

    private RunResult run() {
        long started = System.nanoTime();
        if (arrivals.cohorts() > 0) {
            events.at(arrivals.time(0), Event.Kind.ARRIVAL).index = 0;
        }
        events.at(p.firstTick(), Event.Kind.TICK);
        events.at(0, Event.Kind.SAMPLE);
        long now = 0;
        boolean quiet = false;
        while (!events.isEmpty() && !quiet) {
            Event e = events.next();
            if (e.time > duration) {
                break;
            }
            now = e.time;
            eventCount++;
            switch (e.kind) {
                case ARRIVAL -> arrival(e.index, now);
                case DELAY_OVER -> {
                    queue.delayed -= e.count;
                    queue.addVisible(e.arrivedAt, e.count);
                    fleet.dispatch(now);
                }
                case VISIBILITY_TIMEOUT -> fleet.visibilityTimeout(e.arrivedAt, e.count, now);
                case TASK_RUNNING -> fleet.running(e.task, now);
                case BATCH_DONE -> fleet.batchDone(e.batch, now);
                case IDLE_CHECK -> fleet.idleCheck(e.task, now);
                case SPOT_NOTICE -> fleet.spotNotice(e.task, now);
                case GRACE_OVER -> fleet.graceOver(e.task, now);
                case KILL -> fleet.kill(e.task, now);
                case TICK -> {
                    control.tick(now);
                    quiet = quiescent(now);
                    if (now + p.tickMillis() <= duration) {
                        events.at(now + p.tickMillis(), Event.Kind.TICK);
                    }
                }
                case SAMPLE -> {
                    timeline.record(now, queue.total(), fleet.census());
                    events.at(now + SAMPLE_MILLIS, Event.Kind.SAMPLE);
                }
            }
            if (queue.total() == 0 && drainedAt < 0 && now >= lastArrival && lastArrival >= 0) {
                drainedAt = now;
            }
        }
        long end = quiet ? Math.max(fleet.lastExitAt, Math.max(drainedAt, 0)) : duration;
        timeline.record(end, queue.total(), fleet.census());
        if (!quiet) {
            fleet.closeBooks(duration); // tasks still up at the end are billed until then, not stopped
        }
        return new RunResult(
                policy.name(),
                arrived,
                fleet.processed,
                maxBacklog,
                waits.percentile(0.50),
                waits.percentile(0.95),
                waits.percentile(0.99),
                waits.max(),
                lastArrival < 0 ? 0 : drainedAt >= 0 && queue.total() == 0 ? drainedAt - lastArrival : -1,
                Cost.of(fleet.usage, p.taskVcpu(), p.taskMemoryGb(), prices),
                fleet.launches,
                control.runTaskCalls(),
                control.launchFailures,
                control.spotFallbacks,
                fleet.spotInterruptions,
                control.stopped,
                fleet.redelivered,
                fleet.idleMillis,
                fleet.launchesWithoutWork,
                fleet.peakTasks,
                control.reasons,
                timeline,
                end,
                eventCount,
                System.nanoTime() - started);
    }

    private void arrival(int i, long now) {
        long count = arrivals.count(i);
        arrived += count;
        load.sent(now, count);
        if (p.queueDelayMillis() > 0) {
            queue.delayed += count;
            Event e = events.at(now + p.queueDelayMillis(), Event.Kind.DELAY_OVER);
            e.arrivedAt = now;
            e.count = count;
        } else {
            queue.addVisible(now, count);
        }
        maxBacklog = Math.max(maxBacklog, queue.total());
        fleet.dispatch(now);
        if (i + 1 < arrivals.cohorts()) {
            events.at(arrivals.time(i + 1), Event.Kind.ARRIVAL).index = i + 1;
        }
    }

    /** The load is over, the queue empty and every task gone: nothing can happen any more. */
    private boolean quiescent(long now) {
        return now >= lastArrival && queue.total() == 0 && fleet.alive.isEmpty();
    }
}
