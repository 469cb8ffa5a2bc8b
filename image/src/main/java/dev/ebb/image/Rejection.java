package dev.ebb.image;

/** A source the engine refused, with a stable reason code and a message a person can act on. */
public record Rejection(FailureReason reason, String message) {

    @Override
    public String toString() {
        return reason.code() + ": " + message;
    }
}
