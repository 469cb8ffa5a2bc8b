package dev.ebb.controller.aws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * RunTask clientTokens. Derived from the scheduled event's time (the same for every retry of one
 * invocation, different for the next tick), the deployment (so two stacks in one account never
 * collide) and the chunk. ECS allows 64 characters.
 */
public final class IdempotencyKeys {

    private IdempotencyKeys() {}

    /** The key of one cycle's launches; {@link EcsTaskFleet} appends the chunk index. */
    public static String cycle(String deployment, Instant scheduledAt, String step) {
        return "ebb-" + shortHash(deployment) + "-" + scheduledAt.getEpochSecond() + "-" + step;
    }

    static String chunk(String cycleKey, int chunk) {
        String token = cycleKey + "-" + chunk;
        if (token.length() > 64) {
            throw new IllegalArgumentException("clientToken longer than 64 characters: " + token);
        }
        return token;
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
