package dev.ebb.worker.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueueUrlsTest {

    /** queue URL × its ARN × the dead-letter queue's ARN → the dead-letter queue's URL, or - to ask SQS. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // AWS, the regional endpoint and the legacy one
                "https://sqs.eu-west-1.amazonaws.com/123456789012/images | arn:aws:sqs:eu-west-1:123456789012:images"
                        + " | arn:aws:sqs:eu-west-1:123456789012:images-dlq"
                        + " | https://sqs.eu-west-1.amazonaws.com/123456789012/images-dlq",
                "https://eu-west-1.queue.amazonaws.com/123456789012/q | arn:aws:sqs:eu-west-1:123456789012:q"
                        + " | arn:aws:sqs:eu-west-1:123456789012:dead"
                        + " | https://eu-west-1.queue.amazonaws.com/123456789012/dead",
                "https://sqs.cn-north-1.amazonaws.com.cn/123456789012/q.fifo"
                        + " | arn:aws-cn:sqs:cn-north-1:123456789012:q.fifo"
                        + " | arn:aws-cn:sqs:cn-north-1:123456789012:q-dlq.fifo"
                        + " | https://sqs.cn-north-1.amazonaws.com.cn/123456789012/q-dlq.fifo",
                // ElasticMQ and moto spell them the same way
                "http://127.0.0.1:9324/000000000000/work | arn:aws:sqs:elasticmq:000000000000:work"
                        + " | arn:aws:sqs:elasticmq:000000000000:work-dlq | http://127.0.0.1:9324/000000000000/work-dlq",
                // the account must be a whole path segment, not the end of one
                "http://h/x123456789012/q | arn:aws:sqs:r:123456789012:q | arn:aws:sqs:r:123456789012:dlq | -",
                // not in the same account, region or partition: SQS would not have accepted it, so ask
                "https://sqs.eu-west-1.amazonaws.com/123456789012/q | arn:aws:sqs:eu-west-1:123456789012:q"
                        + " | arn:aws:sqs:eu-west-1:210987654321:dlq | -",
                "https://sqs.eu-west-1.amazonaws.com/123456789012/q | arn:aws:sqs:eu-west-1:123456789012:q"
                        + " | arn:aws:sqs:us-east-1:123456789012:dlq | -",
                "https://sqs.eu-west-1.amazonaws.com/123456789012/q | arn:aws:sqs:eu-west-1:123456789012:q"
                        + " | arn:aws-cn:sqs:eu-west-1:123456789012:dlq | -",
                // a URL spelt another way: by a proxy's path, a trailing slash, a query, another name
                "http://proxy/queue/q | arn:aws:sqs:r:123456789012:q | arn:aws:sqs:r:123456789012:dlq | -",
                "http://h/123456789012/q/ | arn:aws:sqs:r:123456789012:q | arn:aws:sqs:r:123456789012:dlq | -",
                "http://h/123456789012/q?x=1 | arn:aws:sqs:r:123456789012:q | arn:aws:sqs:r:123456789012:dlq | -",
                "http://h/123456789012/other | arn:aws:sqs:r:123456789012:q | arn:aws:sqs:r:123456789012:dlq | -",
                "123456789012/q | arn:aws:sqs:r:123456789012:q | arn:aws:sqs:r:123456789012:dlq | -",
                // not SQS ARNs, or a name SQS would not allow
                "http://h/123456789012/q | arn:aws:sns:r:123456789012:q | arn:aws:sqs:r:123456789012:dlq | -",
                "http://h/123456789012/q | arn:aws:sqs:r:123456789012:q | arn:aws:sqs:r:123456789012:dl/q | -",
                "http://h/123456789012/q | arn:aws:sqs:r:123456789012:q | '' | -"
            })
    void aDeadLetterQueueIsTheSourcesUrlWithItsName(String url, String arn, String dlqArn, String expected) {
        assertThat(QueueUrls.sibling(url, arn, dlqArn).orElse("-")).isEqualTo(expected);
    }
}
