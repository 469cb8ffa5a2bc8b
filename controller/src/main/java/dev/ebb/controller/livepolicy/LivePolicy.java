package dev.ebb.controller.livepolicy;

import dev.ebb.controller.aws.AwsFaults;
import dev.ebb.controller.policy.PolicyError;
import dev.ebb.controller.policy.PolicyParser;
import dev.ebb.controller.policy.PolicyResult;
import dev.ebb.controller.policy.ScalingPolicy;
import dev.ebb.controller.port.PolicyStore;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The policy stored by {@code ebb policy apply}, read every cycle, cached by ETag (an unchanged
 * policy is neither downloaded nor parsed again), validated exactly as {@code ebb policy check}.
 * <ul>
 *   <li>Nothing stored: the bundled policy (the fallback a fresh stack starts with).</li>
 *   <li>A stored policy that is invalid: the last valid policy this controller acted on is kept,
 *       and the reasons are reported (the PolicyErrors metric and alarm). With no valid policy yet
 *       (a cold start), the cycle is terminal: it acts on nothing, as a broken policy always was,
 *       rather than on a bundled policy that may undo a pause.</li>
 *   <li>A store that cannot be read (after the store's retries): the last valid policy is kept
 *       too, but this is an AWS error, not a policy to fix, so it is reported as one (no
 *       PolicyErrors); on a cold start the cycle is an error and the next tick tries again.</li>
 * </ul>
 * Lives as long as the Lambda execution environment, like the scale-down history.
 */
public final class LivePolicy implements PolicySource {

    private final PolicyStore store;
    private final Supplier<PolicyResult> fallback;
    private Optional<String> etag = Optional.empty();
    private PolicyResult stored;
    private ScalingPolicy lastValid;

    public LivePolicy(PolicyStore store, Supplier<PolicyResult> fallback) {
        this.store = store;
        this.fallback = fallback;
    }

    @Override
    public synchronized LoadedPolicy load() {
        PolicyStore.Read read;
        try {
            read = store.read(etag);
        } catch (RuntimeException e) {
            String why = store.location() + " could not be read ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
            PolicyResult result = lastValid != null
                    ? new PolicyResult.Valid(lastValid)
                    : new PolicyResult.Invalid(List.of(new PolicyError(store.location(), 1, 1, "", why)));
            return new LoadedPolicy(
                    result, List.of(), Optional.of(new LoadedPolicy.Unreadable(why, AwsFaults.kind(e))));
        }
        switch (read) {
            case PolicyStore.Read.Unchanged unchanged -> {}
            case PolicyStore.Read.Absent absent -> {
                etag = Optional.empty();
                stored = null;
            }
            case PolicyStore.Read.Found found -> {
                etag = Optional.ofNullable(found.etag());
                stored = PolicyParser.parse(found.yaml(), describe(store, found));
            }
        }
        PolicyResult current = stored == null ? fallback.get() : stored;
        return switch (current) {
            case PolicyResult.Valid valid -> {
                lastValid = valid.policy();
                yield new LoadedPolicy(valid, List.of());
            }
            case PolicyResult.Invalid invalid ->
                stored == null ? new LoadedPolicy(invalid, List.of()) : keepLastValid(invalid.errors());
        };
    }

    private LoadedPolicy keepLastValid(List<PolicyError> why) {
        if (lastValid == null) {
            return new LoadedPolicy(new PolicyResult.Invalid(why), List.of());
        }
        return new LoadedPolicy(new PolicyResult.Valid(lastValid), why);
    }

    /** How errors name a stored policy: its location and version, so they point at what to fix. */
    public static String describe(PolicyStore store, PolicyStore.Read.Found found) {
        return store.location() + found.versionId().map(v -> "?versionId=" + v).orElse("");
    }
}
