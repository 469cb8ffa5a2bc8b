package dev.ebb.worker.wire;

/**
 * How a message and each of its records ended, by the words the outcome lines and the
 * {@code outcome} label of {@code ebb_worker_messages_total} and {@code ebb_worker_records_total}
 * carry (docs/worker.md). Each word is written here once; {@code ebb local} reads them back.
 */
public final class Outcomes {

    private Outcomes() {}

    /** How a message ended. */
    public enum OfMessage implements WireName {
        SUCCEEDED("succeeded"),
        DEAD_LETTERED("dead_lettered"),
        RETRIED("retried"),
        RELEASED("released"),
        TEST_EVENT("test_event"),
        DELETE_FAILED("delete_failed");

        private final String wire;

        OfMessage(String wire) {
            this.wire = wire;
        }

        @Override
        public String wire() {
            return wire;
        }
    }

    /** How one record (one object) of a message ended. */
    public enum OfRecord implements WireName {
        PROCESSED("processed"),
        SKIPPED("skipped"),
        FAILED("failed");

        private final String wire;

        OfRecord(String wire) {
            this.wire = wire;
        }

        @Override
        public String wire() {
            return wire;
        }
    }
}
