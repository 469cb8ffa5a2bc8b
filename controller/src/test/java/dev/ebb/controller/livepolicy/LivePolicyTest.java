package dev.ebb.controller.livepolicy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.controller.errors.ErrorKind;
import dev.ebb.controller.policy.PolicyParser;
import dev.ebb.controller.policy.PolicyResult;
import dev.ebb.controller.port.PolicyStore;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The live policy's rules over an in-memory store (the port, not S3: LivePolicyIT runs them on
 * S3Proxy). A store that cannot be read is an AWS error, not a policy to fix: no PolicyErrors.
 */
class LivePolicyTest {

    private static final String VALID = """
            apiVersion: ebb.dev/v1
            kind: ScalingPolicy
            metadata: {name: live}
            spec: {work: {}, maxTasks: 7}
            """;

    @Test
    void anUnreadableStoreKeepsTheLastValidPolicyWithoutBlamingThePolicy() {
        ScriptedStore store = new ScriptedStore();
        LivePolicy live = new LivePolicy(store, PolicyParser::parseBundled);
        store.next.add(new PolicyStore.Read.Found(VALID, "e1", Optional.empty(), Optional.empty()));
        assertThat(live.load().result()).isInstanceOf(PolicyResult.Valid.class);

        store.failNext = true;
        LoadedPolicy loaded = live.load();

        assertThat(loaded.result())
                .isInstanceOfSatisfying(
                        PolicyResult.Valid.class,
                        v -> assertThat(v.policy().name()).isEqualTo("live"));
        assertThat(loaded.rejected()).as("nothing wrong with the policy").isEmpty();
        assertThat(loaded.unreadable())
                .hasValueSatisfying(
                        u -> assertThat(u.why()).contains("mem://policy").contains("503"));
    }

    @Test
    void anUnreadableStoreOnAColdStartIsAnErrorNotAnInvalidPolicy() {
        ScriptedStore store = new ScriptedStore();
        store.failNext = true;

        LoadedPolicy loaded = new LivePolicy(store, PolicyParser::parseBundled).load();

        assertThat(loaded.result()).isInstanceOf(PolicyResult.Invalid.class);
        assertThat(loaded.unreadable())
                .hasValueSatisfying(u -> assertThat(u.kind()).isEqualTo(ErrorKind.TRANSIENT));
    }

    /** The controller's role may not read the bucket: no retry fixes that, so the cycle it ends is terminal. */
    @Test
    void aForbiddenStoreOnAColdStartIsATerminalError() {
        ScriptedStore store = new ScriptedStore();
        store.failNext = true;
        store.failStatus = 403;
        store.failCode = "AccessDenied";

        LoadedPolicy loaded = new LivePolicy(store, PolicyParser::parseBundled).load();

        assertThat(loaded.unreadable()).hasValueSatisfying(u -> {
            assertThat(u.kind()).isEqualTo(ErrorKind.TERMINAL);
            assertThat(u.why()).contains("AccessDenied");
        });
    }

    @Test
    void anInvalidStoredPolicyIsRejectedAndTheLastValidKept() {
        ScriptedStore store = new ScriptedStore();
        LivePolicy live = new LivePolicy(store, PolicyParser::parseBundled);
        store.next.add(new PolicyStore.Read.Found(VALID, "e1", Optional.empty(), Optional.empty()));
        live.load();
        store.next.add(new PolicyStore.Read.Found(
                VALID.replace("maxTasks", "maxTask"), "e2", Optional.empty(), Optional.empty()));

        LoadedPolicy loaded = live.load();

        assertThat(loaded.result()).isInstanceOf(PolicyResult.Valid.class);
        assertThat(loaded.rejected()).isNotEmpty();
        assertThat(loaded.unreadable()).isEmpty();
    }

    private static final class ScriptedStore implements PolicyStore {
        final Deque<Read> next = new ArrayDeque<>();
        boolean failNext;
        int failStatus = 503;
        String failCode = "ServiceUnavailable";

        @Override
        public Read read(Optional<String> knownEtag) {
            if (failNext) {
                failNext = false;
                throw S3Exception.builder()
                        .statusCode(failStatus)
                        .message("S3 answered " + failStatus + " " + failCode)
                        .awsErrorDetails(
                                AwsErrorDetails.builder().errorCode(failCode).build())
                        .build();
            }
            return next.isEmpty() ? new Read.Unchanged() : next.poll();
        }

        @Override
        public Read.Found write(String yaml) {
            throw new UnsupportedOperationException("not used here");
        }

        @Override
        public String location() {
            return "mem://policy";
        }
    }
}
