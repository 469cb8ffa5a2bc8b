package dev.ebb.worker.wire;

/**
 * The names in the worker's stdout lines that others read: {@code ebb local} follows a task's
 * state and its images by them, the ITs check them, docs/worker.md ("Logs") lists them. One JSON
 * object per line, {@link #EVENT} saying which kind.
 */
public final class LogLine {

    public static final String TS = "ts";
    public static final String EVENT = "event";
    public static final String MESSAGE_ID = "message_id";
    public static final String RECEIVE_COUNT = "receive_count";
    /** A message's {@link Outcomes.OfMessage}, or in {@link #RECORDS} a record's {@link Outcomes.OfRecord}. */
    public static final String OUTCOME = "outcome";

    public static final String REASON = "reason";
    public static final String DETAIL = "detail";
    public static final String RECORDS = "records";
    public static final String BUCKET = "bucket";
    public static final String KEY = "key";
    public static final String OUTPUTS = "outputs";

    private LogLine() {}

    /** What a line is about: the value of {@link #EVENT}. */
    public enum Event implements WireName {
        START("start"),
        MESSAGE("message"),
        CRASH_SUSPECTED("crash_suspected"),
        WORK("work"),
        STOPPING("stopping"),
        IDLE("idle"),
        EXIT("exit");

        private final String wire;

        Event(String wire) {
            this.wire = wire;
        }

        @Override
        public String wire() {
            return wire;
        }
    }
}
