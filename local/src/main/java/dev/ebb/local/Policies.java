package dev.ebb.local;

import dev.ebb.controller.policy.PolicyError;
import dev.ebb.controller.policy.PolicyParser;
import dev.ebb.controller.policy.PolicyResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
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
        try (InputStream in = Policies.class.getResourceAsStream(LOCAL_RESOURCE)) {
            if (in == null) {
                return new PolicyResult.Invalid(
                        List.of(new PolicyError("classpath:" + LOCAL_RESOURCE, 1, 1, "", "not bundled")));
            }
            return PolicyParser.parse(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + LOCAL_RESOURCE);
        } catch (IOException e) {
            return new PolicyResult.Invalid(
                    List.of(new PolicyError("classpath:" + LOCAL_RESOURCE, 1, 1, "", e.toString())));
        }
    }
}
