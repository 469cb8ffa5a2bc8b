package dev.ebb.controller.livepolicy;

import dev.ebb.controller.errors.ErrorKind;
import dev.ebb.controller.policy.PolicyError;
import dev.ebb.controller.policy.PolicyResult;
import java.util.List;
import java.util.Optional;

/**
 * @param result what the cycle acts on; {@code Invalid} is terminal (nothing is observed or touched)
 * @param rejected why the stored policy was not used although {@code result} is valid (it is
 *     invalid, and the last valid one is kept); reported, and raises PolicyErrors
 * @param unreadable why the store could not be read (after retries): not the policy's fault, so no
 *     PolicyErrors; with a last valid policy the cycle acts on it, without one (a cold start) the
 *     cycle is an error of the failure's kind (an AccessDenied on the bucket is terminal)
 */
public record LoadedPolicy(PolicyResult result, List<PolicyError> rejected, Optional<Unreadable> unreadable) {

    /** The store's failure: what to tell the operator, and what it means for the next cycle. */
    public record Unreadable(String why, ErrorKind kind) {}

    public LoadedPolicy {
        rejected = List.copyOf(rejected);
    }

    public LoadedPolicy(PolicyResult result, List<PolicyError> rejected) {
        this(result, rejected, Optional.empty());
    }
}
