package dev.ebb.local.watch;

/** What the live view shows at one moment. */
public record Snapshot(
        double elapsedSeconds,
        long visible,
        long inFlight,
        long delayed,
        long deadLettered,
        long starting,
        long running,
        long stopping,
        int launched,
        int processed,
        int failed,
        int inputs,
        String lastDecision) {

    public double imagesPerSecond() {
        return elapsedSeconds > 0 ? (processed + failed) / elapsedSeconds : 0;
    }

    /** One plain line, for logs and pipes. */
    public String line() {
        return String.format(
                "%6.1fs  backlog %d  in flight %d  dead-lettered %d | tasks starting %d running %d stopping %d (launched %d)"
                        + " | processed %d/%d  failed %d  %.1f img/s",
                elapsedSeconds,
                visible + delayed,
                inFlight,
                deadLettered,
                starting,
                running,
                stopping,
                launched,
                processed,
                inputs,
                failed,
                imagesPerSecond());
    }

    /** The panel a terminal redraws in place. */
    public String[] panel() {
        return new String[] {
            String.format(
                    "  queue    backlog %-6d in flight %-6d dead-lettered %d",
                    visible + delayed, inFlight, deadLettered),
            String.format(
                    "  tasks    starting %-5d running %-8d stopping %-4d launched %d",
                    starting, running, stopping, launched),
            String.format(
                    "  images   processed %d/%d  failed %d  %.1f img/s  elapsed %s",
                    processed, inputs, failed, imagesPerSecond(), clock(elapsedSeconds)),
            "  control  " + lastDecision,
        };
    }

    static String clock(double seconds) {
        long s = (long) seconds;
        return String.format("%d:%02d", s / 60, s % 60);
    }
}
