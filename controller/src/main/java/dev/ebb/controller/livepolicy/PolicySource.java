package dev.ebb.controller.livepolicy;

import dev.ebb.controller.policy.PolicyResult;
import java.util.List;
import java.util.function.Supplier;

/** The policy a cycle acts on: the port between the cycle and wherever policies are kept. */
public interface PolicySource {

    LoadedPolicy load();

    /** A source with nothing to reject: a file, or the bundled policy. */
    static PolicySource of(Supplier<PolicyResult> policy) {
        return () -> new LoadedPolicy(policy.get(), List.of());
    }
}
