package dev.ebb.controller.reconcile;

/**
 * Whether a task holds messages. Today's adapters cannot tell (UNKNOWN); a worker that sets ECS task
 * scale-in protection while it holds a message would make this YES/NO.
 */
public enum Busy {
    YES,
    NO,
    UNKNOWN
}
