package dev.ebb.controller.policy;

/** The Fargate capacity providers a policy may name; ECS spells them exactly like this. */
public enum CapacityProvider {
    FARGATE,
    FARGATE_SPOT;

    public boolean isSpot() {
        return this == FARGATE_SPOT;
    }
}
