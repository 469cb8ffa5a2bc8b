package dev.ebb.worker.port;

import java.util.Optional;

/**
 * The source queue's settings that the worker depends on, read once at start. The dead-letter
 * queue's URL is there when the queue's own URL shows how it is spelt; else only its ARN is.
 */
public record QueueInfo(
        int visibilityTimeoutSeconds,
        Optional<Integer> maxReceiveCount,
        Optional<String> deadLetterQueueArn,
        Optional<String> deadLetterQueueUrl) {}
