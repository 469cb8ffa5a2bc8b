package dev.ebb.worker.process;

import dev.ebb.worker.errorhandler.Failure;
import dev.ebb.worker.event.ObjectEvent;
import java.util.List;

/** How one record of a message ended. */
public sealed interface RecordResult {

    ObjectEvent event();

    record Done(ObjectEvent event, List<String> outputKeys, Timings timings) implements RecordResult {}

    /** Nothing to do: a folder marker, or an event that is not an object creation. */
    record Skipped(ObjectEvent event, String reason) implements RecordResult {}

    record Failed(ObjectEvent event, Failure failure, Timings timings) implements RecordResult {}

    /** Milliseconds per phase and bytes moved; zeros for phases that did not run. */
    record Timings(long downloadMs, long renderMs, long uploadMs, long bytesIn, long bytesOut) {
        public static final Timings NONE = new Timings(0, 0, 0, 0, 0);
    }
}
