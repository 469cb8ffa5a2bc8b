package dev.ebb.simulator.model;

import java.util.List;

/**
 * Everything about the world the simulation assumes, apart from the policy and the arrivals. The
 * defaults follow the deployment ({@code infra/cloudformation/ebb.yaml}: 0.5 vCPU / 1 GB, visibility
 * timeout 120 s, StopTimeout 120 s, EBB_GRACE_SECONDS 100), the worker's own defaults (20 permits,
 * idle exit after 60 s) and Fargate's usual start time; the two that matter most for drain time,
 * {@code startLatency} and {@code processingTime}, are distributions so that measured values
 * ({@link Distribution.Empirical}) can be plugged in.
 *
 * @param taskVcpu vCPUs of the worker task definition (billing only)
 * @param taskMemoryGb memory of the worker task definition in GB (billing only)
 * @param startLatency RunTask until the worker polls (PROVISIONING → RUNNING, image pull included)
 * @param processingTime one message, receive to delete, while the worker runs {@code concurrency} at once
 * @param concurrency the worker's permits (EBB_CONCURRENCY): messages one task holds at a time
 * @param idleWindowMillis a worker with nothing in flight and nothing received for this long exits
 *     (about max(EBB_IDLE_SECONDS, EBB_IDLE_EMPTY_POLLS × EBB_WAIT_TIME_SECONDS))
 * @param visibilityTimeoutMillis a message held by a task that dies without releasing it returns after this
 * @param graceMillis after SIGTERM (Spot notice, StopTask) the worker finishes what it can for this
 *     long (EBB_GRACE_SECONDS), then releases the rest
 * @param releaseOnStop false models a worker killed without releasing: its messages wait out the visibility timeout
 * @param queueDelayMillis the queue's DelaySeconds: messages are delayed this long before they are visible
 * @param spotInterruptionsPerHour rate of Spot interruptions per Spot task-hour (exponential)
 * @param spotNoticeMillis from the interruption notice (SIGTERM) until the task is killed
 * @param stopTimeoutMillis from StopTask (stop-excess) until the task is killed (ECS stopTimeout)
 * @param spotShortages windows in which every FARGATE_SPOT launch fails for lack of capacity
 * @param tickMillis the controller's schedule
 * @param firstTickMillis when the first tick happens (default half a tick: the average wait for one)
 * @param seed for every random draw; the same seed gives the same run
 */
public record ModelParameters(
        double taskVcpu,
        double taskMemoryGb,
        Distribution startLatency,
        Distribution processingTime,
        int concurrency,
        long idleWindowMillis,
        long visibilityTimeoutMillis,
        long graceMillis,
        boolean releaseOnStop,
        long queueDelayMillis,
        double spotInterruptionsPerHour,
        long spotNoticeMillis,
        long stopTimeoutMillis,
        List<TimeWindow> spotShortages,
        long tickMillis,
        long firstTickMillis,
        long seed) {

    public static final ModelParameters DEFAULTS = new ModelParameters(
            0.5, 1,
            new Distribution.LogNormal(45_000, 90_000),
            new Distribution.LogNormal(2_000, 5_000),
            20,
            60_000,
            120_000,
            100_000,
            true,
            0,
            0,
            120_000,
            120_000,
            List.of(),
            120_000,
            60_000,
            1);

    public ModelParameters {
        spotShortages = List.copyOf(spotShortages);
        if (taskVcpu <= 0 || taskMemoryGb <= 0) {
            throw new IllegalArgumentException("task vCPU and memory must be above 0");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        if (tickMillis < 1_000) {
            throw new IllegalArgumentException("the controller tick must be at least 1s");
        }
        if (idleWindowMillis < 0 || visibilityTimeoutMillis < 0 || graceMillis < 0 || queueDelayMillis < 0
                || spotNoticeMillis < 0 || stopTimeoutMillis < 0 || firstTickMillis < 0 || spotInterruptionsPerHour < 0) {
            throw new IllegalArgumentException("durations and rates cannot be negative");
        }
    }

    public boolean spotShortageAt(long millis) {
        return spotShortages.stream().anyMatch(w -> w.contains(millis));
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Tests and the CLI change a few parameters at a time. */
    public static final class Builder {
        private double taskVcpu;
        private double taskMemoryGb;
        private Distribution startLatency;
        private Distribution processingTime;
        private int concurrency;
        private long idleWindowMillis;
        private long visibilityTimeoutMillis;
        private long graceMillis;
        private boolean releaseOnStop;
        private long queueDelayMillis;
        private double spotInterruptionsPerHour;
        private long spotNoticeMillis;
        private long stopTimeoutMillis;
        private List<TimeWindow> spotShortages;
        private long tickMillis;
        private long firstTickMillis;
        private long seed;

        private Builder(ModelParameters p) {
            taskVcpu = p.taskVcpu;
            taskMemoryGb = p.taskMemoryGb;
            startLatency = p.startLatency;
            processingTime = p.processingTime;
            concurrency = p.concurrency;
            idleWindowMillis = p.idleWindowMillis;
            visibilityTimeoutMillis = p.visibilityTimeoutMillis;
            graceMillis = p.graceMillis;
            releaseOnStop = p.releaseOnStop;
            queueDelayMillis = p.queueDelayMillis;
            spotInterruptionsPerHour = p.spotInterruptionsPerHour;
            spotNoticeMillis = p.spotNoticeMillis;
            stopTimeoutMillis = p.stopTimeoutMillis;
            spotShortages = p.spotShortages;
            tickMillis = p.tickMillis;
            firstTickMillis = p.firstTickMillis;
            seed = p.seed;
        }

        public Builder taskSize(double vcpu, double memoryGb) {
            taskVcpu = vcpu;
            taskMemoryGb = memoryGb;
            return this;
        }

        public Builder startLatency(Distribution d) {
            startLatency = d;
            return this;
        }

        public Builder processingTime(Distribution d) {
            processingTime = d;
            return this;
        }

        public Builder concurrency(int n) {
            concurrency = n;
            return this;
        }

        public Builder idleWindowMillis(long ms) {
            idleWindowMillis = ms;
            return this;
        }

        public Builder visibilityTimeoutMillis(long ms) {
            visibilityTimeoutMillis = ms;
            return this;
        }

        public Builder graceMillis(long ms) {
            graceMillis = ms;
            return this;
        }

        public Builder releaseOnStop(boolean release) {
            releaseOnStop = release;
            return this;
        }

        public Builder queueDelayMillis(long ms) {
            queueDelayMillis = ms;
            return this;
        }

        public Builder spotInterruptionsPerHour(double rate) {
            spotInterruptionsPerHour = rate;
            return this;
        }

        public Builder spotNoticeMillis(long ms) {
            spotNoticeMillis = ms;
            return this;
        }

        public Builder stopTimeoutMillis(long ms) {
            stopTimeoutMillis = ms;
            return this;
        }

        public Builder spotShortages(List<TimeWindow> windows) {
            spotShortages = windows;
            return this;
        }

        public Builder tickMillis(long ms) {
            tickMillis = ms;
            return this;
        }

        public Builder firstTickMillis(long ms) {
            firstTickMillis = ms;
            return this;
        }

        public Builder seed(long s) {
            seed = s;
            return this;
        }

        public ModelParameters build() {
            return new ModelParameters(taskVcpu, taskMemoryGb, startLatency, processingTime, concurrency,
                    idleWindowMillis, visibilityTimeoutMillis, graceMillis, releaseOnStop, queueDelayMillis,
                    spotInterruptionsPerHour, spotNoticeMillis, stopTimeoutMillis, spotShortages, tickMillis,
                    firstTickMillis, seed);
        }
    }
}
