package dev.ebb.controller.port;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the live scaling policy is stored (an S3 object: see docs/controller.md, "The live
 * policy"). Narrow on purpose: the cycle needs a conditional read, {@code ebb policy apply} a write.
 */
public interface PolicyStore {

    /** What a read found. */
    sealed interface Read {
        /** The stored policy still has the ETag the caller already holds. */
        record Unchanged() implements Read {}

        /** Nothing is stored: the bundled policy applies. */
        record Absent() implements Read {}

        /** The stored text, with its ETag and (in a versioned bucket) version id. */
        record Found(String yaml, String etag, Optional<String> versionId, Optional<Instant> lastModified)
                implements Read {}
    }

    /** Reads the policy, or says it is unchanged when its ETag is still {@code knownEtag}. Throws on AWS errors. */
    Read read(Optional<String> knownEtag);

    /** Stores {@code yaml} as the policy; returns what a read would now find. */
    Read.Found write(String yaml);

    /** {@code s3://bucket/key}, for messages. */
    String location();
}
