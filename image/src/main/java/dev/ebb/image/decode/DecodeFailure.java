package dev.ebb.image.decode;

import dev.ebb.image.FailureReason;

/** Decoding stopped for a reason that belongs to the input, not to Ebb. */
public final class DecodeFailure extends Exception {

    private final FailureReason reason;

    public DecodeFailure(FailureReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public FailureReason reason() {
        return reason;
    }
}
