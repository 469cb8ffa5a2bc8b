package dev.ebb.simulator.engine;

import dev.ebb.controller.policy.CapacityProvider;
import dev.ebb.simulator.metrics.Usage;
import dev.ebb.simulator.metrics.WaitHistogram;
import dev.ebb.simulator.model.ModelParameters;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The worker tasks and what each worker does: start, receive while it has free permits, finish
 * messages, exit after the idle window, and on SIGTERM (Spot notice, StopTask) stop receiving,
 * finish what it can within the grace period and release the rest.
 */
final class Fleet {

    private final ModelParameters p;
    private final Events events;
    private final SimQueue queue;
    private final WaitHistogram waits;
    private final SplittableRandom startRandom;
    private final SplittableRandom processingRandom;
    private final SplittableRandom spotRandom;
    private final LoadMeter load;

    /** Launched and not stopped yet, in launch order. */
    final List<SimTask> alive = new ArrayList<>();

    private final Map<String, SimTask> byId = new HashMap<>();
    /** Running tasks with a free permit, served round-robin the way SQS spreads messages over long polls. */
    private final ArrayDeque<SimTask> hungry = new ArrayDeque<>();

    final Usage usage = new Usage();

    long launches;
    long spotInterruptions;
    long redelivered;
    long processed;
    long idleMillis;
    /** Tasks that exited or were stopped without having finished a message. */
    long launchesWithoutWork;

    int peakTasks;
    long lastExitAt;
    private int nextNumber = 1;
    private final int receiveThreshold;

    Fleet(
            ModelParameters p,
            Events events,
            SimQueue queue,
            WaitHistogram waits,
            LoadMeter load,
            SplittableRandom root) {
        this.p = p;
        this.load = load;
        this.events = events;
        this.queue = queue;
        this.waits = waits;
        this.startRandom = root.split();
        this.processingRandom = root.split();
        this.spotRandom = root.split();
        this.receiveThreshold = Math.max(1, Math.min(10, p.concurrency() / 2));
    }

    /** Starts {@code count} tasks; returns their ids. */
    List<String> launch(CapacityProvider provider, int count, long now) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SimTask t = new SimTask(nextNumber++, provider, now, p.concurrency());
            alive.add(t);
            byId.put(t.id, t);
            ids.add(t.id);
            launches++;
            events.at(now + p.startLatency().sampleMillis(startRandom), Event.Kind.TASK_RUNNING).task = t;
            if (provider.isSpot() && p.spotInterruptionsPerHour() > 0) {
                double hours = -Math.log(1 - spotRandom.nextDouble()) / p.spotInterruptionsPerHour();
                events.at(now + (long) (hours * 3_600_000), Event.Kind.SPOT_NOTICE).task = t;
            }
        }
        peakTasks = Math.max(peakTasks, alive.size());
        return ids;
    }

    SimTask byId(String id) {
        return byId.get(id);
    }

    /** Tasks up now, by what they are doing: starting, running with a message in hand, running with none. */
    int[] census() {
        int[] n = new int[3];
        for (SimTask t : alive) {
            n[t.state == SimTask.State.PENDING ? 0 : t.inFlight > 0 ? 1 : 2]++;
        }
        return n;
    }

    void running(SimTask t, long now) {
        if (t.state != SimTask.State.PENDING) {
            return; // stopped before it came up
        }
        t.state = SimTask.State.RUNNING;
        t.runningAt = now;
        t.lastActivity = now;
        t.idleSince = now;
        makeHungry(t);
        dispatch(now);
        scheduleIdleCheck(t, now);
    }

    /** Hands visible messages to running tasks with free permits. */
    void dispatch(long now) {
        while (queue.visible() > 0 && !hungry.isEmpty()) {
            SimTask t = hungry.pollFirst();
            t.hungry = false;
            if (t.inFlight == 0) {
                idleMillis += now - t.idleSince;
            }
            long want = t.freePermits();
            while (want > 0 && queue.visible() > 0) {
                SimQueue.Cohort c = queue.receive(want);
                Batch b = new Batch(t, c.arrivedAt, now, c.count);
                waits.add(now - c.arrivedAt, c.count);
                t.batches.add(b);
                t.inFlight += c.count;
                load.held(now, c.count);
                want -= c.count;
                // the receive's round trip holds its permits before the work starts
                long done = now + p.receiveLatencyMillis() + p.processingTime().sampleMillis(processingRandom);
                events.at(done, Event.Kind.BATCH_DONE).batch = b;
            }
            t.lastActivity = now;
            makeHungry(t);
        }
    }

    void batchDone(Batch b, long now) {
        if (b.returned) {
            return;
        }
        SimTask t = b.task;
        t.batches.remove(b);
        t.inFlight -= b.count;
        load.held(now, -b.count);
        queue.inFlight -= b.count;
        processed += b.count;
        t.processed += b.count;
        load.processed(now, b.count);
        t.lastActivity = now;
        if (t.inFlight == 0) {
            t.idleSince = now;
        }
        if (t.stopping) {
            if (t.inFlight == 0) {
                exit(t, now);
            }
            return;
        }
        makeHungry(t);
        dispatch(now);
        if (t.inFlight == 0) {
            scheduleIdleCheck(t, now);
        }
    }

    void idleCheck(SimTask t, long now) {
        t.idleCheckPending = false;
        if (!t.receiving() || t.inFlight > 0) {
            return;
        }
        if (now - t.lastActivity >= p.idleWindowMillis()) {
            exit(t, now);
        } else {
            scheduleIdleCheck(t, now);
        }
    }

    private void scheduleIdleCheck(SimTask t, long now) {
        if (!t.idleCheckPending) {
            t.idleCheckPending = true;
            events.at(Math.max(now, t.lastActivity + p.idleWindowMillis()), Event.Kind.IDLE_CHECK).task = t;
        }
    }

    void spotNotice(SimTask t, long now) {
        if (t.state == SimTask.State.STOPPED || t.stopping) {
            return;
        }
        spotInterruptions++;
        terminate(t, now, now + p.spotNoticeMillis());
    }

    /** SIGTERM: stop receiving, finish within the grace period, then release (or be killed at {@code killAt}). */
    void terminate(SimTask t, long now, long killAt) {
        if (t.state == SimTask.State.STOPPED || t.stopping) {
            return;
        }
        t.stopping = true;
        if (t.hungry) {
            hungry.remove(t);
            t.hungry = false;
        }
        if (t.state == SimTask.State.PENDING || t.inFlight == 0) {
            exit(t, now);
            return;
        }
        if (p.releaseOnStop()) {
            events.at(Math.min(now + p.graceMillis(), killAt), Event.Kind.GRACE_OVER).task = t;
        } else {
            events.at(killAt, Event.Kind.KILL).task = t;
        }
    }

    /** The grace period is over: the worker releases what it still holds (visible again at once) and exits. */
    void graceOver(SimTask t, long now) {
        if (t.state == SimTask.State.STOPPED) {
            return;
        }
        for (Batch b : List.copyOf(t.batches)) {
            takeBack(b, now);
            queue.inFlight -= b.count;
            queue.returnVisible(b.arrivedAt, b.count);
        }
        exit(t, now);
        dispatch(now);
    }

    /** ECS kills the task; what it held stays invisible until the visibility timeout runs out. */
    void kill(SimTask t, long now) {
        if (t.state == SimTask.State.STOPPED) {
            return;
        }
        for (Batch b : List.copyOf(t.batches)) {
            takeBack(b, now);
            Event e = events.at(now + p.visibilityTimeoutMillis(), Event.Kind.VISIBILITY_TIMEOUT);
            e.arrivedAt = b.arrivedAt;
            e.count = b.count;
        }
        exit(t, now);
    }

    void visibilityTimeout(long arrivedAt, long count, long now) {
        queue.inFlight -= count;
        queue.returnVisible(arrivedAt, count);
        dispatch(now);
    }

    private void takeBack(Batch b, long now) {
        b.returned = true;
        b.task.batches.remove(b);
        b.task.inFlight -= b.count;
        load.held(now, -b.count);
        if (b.task.inFlight == 0) {
            b.task.idleSince = now;
        }
        waits.add(b.receivedAt - b.arrivedAt, -b.count);
        redelivered += b.count;
    }

    private void exit(SimTask t, long now) {
        if (t.state == SimTask.State.RUNNING && t.inFlight == 0) {
            idleMillis += now - t.idleSince;
        }
        if (t.processed == 0) {
            launchesWithoutWork++;
        }
        t.state = SimTask.State.STOPPED;
        if (t.hungry) {
            hungry.remove(t);
            t.hungry = false;
        }
        alive.remove(t);
        byId.remove(t.id);
        usage.addTask(t.provider, t.launchedAt, now);
        lastExitAt = now;
    }

    /** The simulation ends with these tasks still up: bill them until the end. */
    void closeBooks(long end) {
        long counted = launchesWithoutWork;
        for (SimTask t : List.copyOf(alive)) {
            exit(t, end);
        }
        launchesWithoutWork = counted; // still up, not ended: their work may have been next
    }

    /**
     * Like the worker's poller: with nothing in flight it receives for any free permit; with messages
     * in flight it waits until a fuller receive is possible (MessagePoller.batchThreshold).
     */
    private void makeHungry(SimTask t) {
        long needed = t.inFlight == 0 ? 1 : receiveThreshold;
        if (!t.hungry && t.receiving() && t.freePermits() >= needed) {
            t.hungry = true;
            hungry.addLast(t);
        }
    }
}
