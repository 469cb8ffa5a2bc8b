package dev.ebb.simulator.model;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Everything about the world the simulation assumes, apart from the policy and the arrivals. The
 * worker's speed is the measured one (issue 11, docs/worker.md "Benchmark": about 112 messages/s
 * per 1-vCPU task, which is {@code lognormal:150ms,400ms} × 20 at a time on 1 vCPU / 2 GB); the
 * rest follows the deployment ({@code infra/cloudformation/ebb.yaml}: visibility timeout 120 s,
 * StopTimeout 120 s, EBB_GRACE_SECONDS 100), the worker's own defaults (20 permits, idle exit after
 * 60 s) and Fargate's usual start time; the two that matter most for drain time,
 * {@code startLatency} and {@code processingTime}, are distributions so that measured values
 * ({@link Distribution.Empirical}) can be plugged in. docs/simulator.md says where each comes from.
 *
 * @param taskVcpu vCPUs of the worker task definition (billing only)
 * @param taskMemoryGb memory of the worker task definition in GB (billing only)
 * @param startLatency RunTask until the worker polls (PROVISIONING → RUNNING, image pull included)
 * @param processingTime one message's permit time (the worker's {@code durations_ms.work}: receipt
 *     until the permit is free again), while the worker runs {@code concurrency} at once
 * @param receiveLatencyMillis one ReceiveMessage round trip: the permits a receive takes are held
 *     this long before the messages' processing starts
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
 * @param measurement the CloudWatch windows the controller measures arrivals and throughput over
 * @param tickMillis the controller's schedule
 * @param firstTickMillis when the first tick happens; {@link #RANDOM_PHASE} (the default) draws it
 *     from the seed within the first tick period, off whole seconds (see {@link #firstTick()})
 * @param seed for every random draw; the same seed gives the same run
 */
public record ModelParameters(
        double taskVcpu,
        double taskMemoryGb,
        Distribution startLatency,
        Distribution processingTime,
        long receiveLatencyMillis,
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
        MeasurementWindows measurement,
        long tickMillis,
        long firstTickMillis,
        long seed) {

    /** {@code firstTickMillis} for "a point of the first tick period drawn from the seed". */
    public static final long RANDOM_PHASE = -1;

    public static final ModelParameters DEFAULTS = new ModelParameters(
            1,
            2,
            new Distribution.LogNormal(45_000, 90_000),
            new Distribution.LogNormal(150, 400),
            20,
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
            MeasurementWindows.DEFAULTS,
            120_000,
            RANDOM_PHASE,
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
        if (idleWindowMillis < 0
                || visibilityTimeoutMillis < 0
                || graceMillis < 0
                || queueDelayMillis < 0
                || spotNoticeMillis < 0
                || stopTimeoutMillis < 0
                || spotInterruptionsPerHour < 0
                || receiveLatencyMillis < 0
                || (firstTickMillis < 0 && firstTickMillis != RANDOM_PHASE)) {
            throw new IllegalArgumentException("durations and rates cannot be negative");
        }
    }

    /**
     * When the first tick falls. Arrivals come in one-second cohorts on whole seconds and ticks every
     * {@code tickMillis} after the first, so a first tick on a whole second lines every tick up with
     * an arrival and a hundred milliseconds can flip every decision of a day (issue 11: 10 tasks or
     * 20). A random phase per seed, off whole seconds, makes a run one sample of the many phases
     * the Lambda's schedule really has against the load.
     */
    public long firstTick() {
        if (firstTickMillis != RANDOM_PHASE) {
            return firstTickMillis;
        }
        long phase = new SplittableRandom(seed ^ 0x7469636bL).nextLong(tickMillis);
        return phase % 1_000 == 0 ? phase + 1 : phase;
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
        private long receiveLatencyMillis;
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
        private MeasurementWindows measurement;
        private long tickMillis;
        private long firstTickMillis;
        private long seed;

        private Builder(ModelParameters p) {
            taskVcpu = p.taskVcpu;
            taskMemoryGb = p.taskMemoryGb;
            startLatency = p.startLatency;
            processingTime = p.processingTime;
            receiveLatencyMillis = p.receiveLatencyMillis;
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
            measurement = p.measurement;
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

        public Builder receiveLatencyMillis(long ms) {
            receiveLatencyMillis = ms;
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

        public Builder measurement(MeasurementWindows windows) {
            measurement = windows;
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
            return new ModelParameters(
                    taskVcpu,
                    taskMemoryGb,
                    startLatency,
                    processingTime,
                    receiveLatencyMillis,
                    concurrency,
                    idleWindowMillis,
                    visibilityTimeoutMillis,
                    graceMillis,
                    releaseOnStop,
                    queueDelayMillis,
                    spotInterruptionsPerHour,
                    spotNoticeMillis,
                    stopTimeoutMillis,
                    spotShortages,
                    measurement,
                    tickMillis,
                    firstTickMillis,
                    seed);
        }
    }
}
