package dev.ebb.local.platform;

/**
 * Where the workers' work report lines go (messages finished and busy task-seconds since the
 * previous one): what CloudWatch gets from their EMF lines in AWS, and the controller sizes by.
 */
@FunctionalInterface
public interface WorkReports {

    void reported(long processed, double busySeconds);

    WorkReports NONE = (processed, busySeconds) -> {};
}
