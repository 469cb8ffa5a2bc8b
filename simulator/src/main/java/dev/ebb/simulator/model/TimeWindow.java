package dev.ebb.simulator.model;

/** A stretch of simulated time {@code [fromMillis, toMillis)}, e.g. a Spot capacity shortage. */
public record TimeWindow(long fromMillis, long toMillis) {

    public TimeWindow {
        if (toMillis < fromMillis) {
            throw new IllegalArgumentException("a window cannot end before it starts");
        }
    }

    public boolean contains(long millis) {
        return millis >= fromMillis && millis < toMillis;
    }

    /** {@code 1h..3h}: from one hour to three hours after the start of the simulation. */
    public static TimeWindow parse(String text) {
        String[] ab = text.split("\\.\\.", 2);
        if (ab.length != 2) {
            throw new IllegalArgumentException("'" + text + "': write FROM..TO, e.g. 1h..3h");
        }
        return new TimeWindow(DurationText.parseMillis(ab[0]), DurationText.parseMillis(ab[1]));
    }

    @Override
    public String toString() {
        return DurationText.format(fromMillis) + ".." + DurationText.format(toMillis);
    }
}
