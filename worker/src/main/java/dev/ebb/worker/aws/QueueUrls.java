package dev.ebb.worker.aws;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The URL of a queue in the same account and region as one whose URL is known, from its ARN,
 * without asking SQS. A queue's URL is its endpoint followed by {@code /account/name}, and SQS
 * accepts a redrive policy only when the dead-letter queue is in the source queue's account and
 * region, so the dead-letter queue's URL is the source's with the name replaced. That saves the
 * start a GetQueueUrl round trip before its first receive, as EBB_DLQ_URL does; like a URL given
 * there, it is not checked at start (a send to a queue that is gone fails, and the message stays on
 * the source queue).
 *
 * <p>Only when the source's own URL ends in the account and name its ARN gives: an endpoint that
 * spells queue URLs another way gets an empty answer, and the caller asks SQS.
 */
final class QueueUrls {

    // arn:partition:sqs:region:account:name; a name is 1-80 of these, a FIFO queue's ending in .fifo
    private static final Pattern ARN =
            Pattern.compile("arn:([\\w-]+):sqs:([\\w-]+):([\\w-]+):([A-Za-z0-9_-]{1,80}(?:\\.fifo)?)");

    private QueueUrls() {}

    /** The URL of the queue {@code siblingArn} names, if the known queue's URL and ARN show how it is spelt. */
    static Optional<String> sibling(String queueUrl, String queueArn, String siblingArn) {
        var own = ARN.matcher(queueArn);
        var other = ARN.matcher(siblingArn);
        if (!own.matches() || !other.matches()) {
            return Optional.empty();
        }
        for (int part = 1; part <= 3; part++) { // partition, region, account
            if (!own.group(part).equals(other.group(part))) {
                return Optional.empty();
            }
        }
        String tail = "/" + own.group(3) + "/" + own.group(4);
        if (!queueUrl.endsWith(tail) || !queueUrl.contains("://")) {
            return Optional.empty();
        }
        return Optional.of(
                queueUrl.substring(0, queueUrl.length() - own.group(4).length()) + other.group(4));
    }
}
