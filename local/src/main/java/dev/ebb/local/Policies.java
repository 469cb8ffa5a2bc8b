package dev.ebb.local;

import dev.ebb.controller.policy.PolicyParser;
import dev.ebb.controller.policy.PolicyResult;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/** Where a local run's scaling policy comes from: the user's file, or the one bundled for local runs. */
public final class Policies {

    public static final String LOCAL_RESOURCE = "/ebb/local-policy.yaml";

    private Policies() {}

    /** Read on every call, like the Lambda reads its policy every cycle: edit the file during a run and the next tick obeys. */
    public static Supplier<PolicyResult> source(Optional<Path> file) {
        return file.<Supplier<PolicyResult>>map(f -> () -> PolicyParser.parse(f))
                .orElse(Policies::bundled);
    }

    public static PolicyResult bundled() {
        return PolicyParser.parseResource(
                Policies.class, LOCAL_RESOURCE, "the build copies local/src/main/resources here");
    }
}
