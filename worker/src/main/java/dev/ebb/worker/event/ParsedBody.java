package dev.ebb.worker.event;

import java.util.List;

/** What an SQS message body turned out to be. */
public sealed interface ParsedBody {

    /** One or more object records (S3 direct, or S3 wrapped by SNS). */
    record Records(List<ObjectEvent> records) implements ParsedBody {}

    /** The {@code s3:TestEvent} S3 sends when notifications are configured: delete and count. */
    record TestEvent() implements ParsedBody {}

    /** Not an S3 event Ebb understands; goes to the dead-letter queue as {@code malformed_event}. */
    record Malformed(String detail) implements ParsedBody {}
}
