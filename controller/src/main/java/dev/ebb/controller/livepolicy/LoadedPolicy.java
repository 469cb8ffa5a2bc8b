package dev.ebb.controller.livepolicy;

import dev.ebb.controller.policy.PolicyError;
import dev.ebb.controller.policy.PolicyResult;
import java.util.List;

/**
 * @param result what the cycle acts on; {@code Invalid} is terminal (nothing is observed or touched)
 * @param rejected why the stored policy was not used although {@code result} is valid (it is
 *     invalid or could not be read, and the last valid one is kept); reported, and raises PolicyErrors
 */
public record LoadedPolicy(PolicyResult result, List<PolicyError> rejected) {
    public LoadedPolicy {
        rejected = List.copyOf(rejected);
    }
}
