package dev.ebb.controller.policy;

/** How surplus tasks go away. */
public enum ScaleDownMode {
    /** Workers exit by themselves when the queue is empty; the controller never stops a task. */
    DRAIN("drain"),
    /** The controller stops surplus idle tasks, after the stabilization window. */
    STOP_EXCESS("stop-excess");

    private final String yamlName;

    ScaleDownMode(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }
}
