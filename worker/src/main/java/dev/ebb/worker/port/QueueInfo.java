package dev.ebb.worker.port;

import java.util.Optional;

/** The source queue's settings that the worker depends on, read once at start. */
public record QueueInfo(
        int visibilityTimeoutSeconds, Optional<Integer> maxReceiveCount, Optional<String> deadLetterQueueArn) {}
