package dev.ebb.controller.reconcile;

import java.util.Locale;

/** ECS task lifecycle states (lastStatus), and which of them count as capacity. */
public enum TaskState {
    PROVISIONING,
    PENDING,
    ACTIVATING,
    RUNNING,
    DEACTIVATING,
    STOPPING,
    DEPROVISIONING,
    STOPPED,
    DELETED,
    /** A state this controller does not know yet. */
    UNKNOWN;

    /**
     * Counts towards the fleet. Tasks on their way up count (kedacore/keda#525: a pending task
     * launched again is a task too many); UNKNOWN counts too, because launching one cycle late is
     * cheaper than launching twice.
     */
    public boolean isActive() {
        return switch (this) {
            case PROVISIONING, PENDING, ACTIVATING, RUNNING, UNKNOWN -> true;
            case DEACTIVATING, STOPPING, DEPROVISIONING, STOPPED, DELETED -> false;
        };
    }

    /** Only a running worker can have received a message. */
    public boolean mayHoldMessages() {
        return this == RUNNING || this == UNKNOWN;
    }

    public static TaskState of(String lastStatus) {
        if (lastStatus == null) {
            return UNKNOWN;
        }
        try {
            return valueOf(lastStatus.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }
}
