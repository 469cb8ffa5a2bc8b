package dev.ebb.worker.observe;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/** The process's CPU time and the task's CPU allowance, for {@link WorkReport}. */
public final class TaskCpu {

    private TaskCpu() {}

    /** CPU time of every thread of this JVM (JIT and GC included), in nanoseconds. */
    public static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
    }

    /**
     * The vCPUs this task may use: what the stack says (EBB_TASK_VCPU, from the task definition),
     * else the cgroup's quota, else the processors the JVM sees. Fargate gives 0.5 vCPU as a quota,
     * which the JVM rounds up to one processor: without the first two, a half-vCPU task would look
     * half as busy as it is.
     */
    public static double vcpus(OptionalDouble declared) {
        if (declared.isPresent()) {
            return declared.getAsDouble();
        }
        return cgroupQuota(Path.of("/sys/fs/cgroup/cpu.max"))
                .orElse(Runtime.getRuntime().availableProcessors());
    }

    /** cgroup v2's {@code cpu.max}: "QUOTA PERIOD", or "max PERIOD" for no limit. */
    static OptionalDouble cgroupQuota(Path cpuMax) {
        try {
            String[] parts = Files.readString(cpuMax).trim().split("\\s+");
            if (parts.length == 2 && !parts[0].equals("max")) {
                double quota = Double.parseDouble(parts[0]);
                double period = Double.parseDouble(parts[1]);
                if (quota > 0 && period > 0) {
                    return OptionalDouble.of(quota / period);
                }
            }
        } catch (IOException | RuntimeException e) {
            // no cgroup v2 file here (a laptop, an older kernel): fall back
        }
        return OptionalDouble.empty();
    }
}
