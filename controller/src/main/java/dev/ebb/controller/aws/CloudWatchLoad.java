package dev.ebb.controller.aws;

import dev.ebb.controller.port.LoadSource;
import dev.ebb.controller.port.LoadWindows;
import dev.ebb.controller.reconcile.LoadMeasurement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;

/**
 * The load from CloudWatch in one GetMetricData call: SQS's own {@code NumberOfMessagesSent} for the
 * queue (free, published by SQS every minute) and the workers' {@code MessagesProcessed} and
 * {@code BusyTaskSeconds}, which each worker writes as an Embedded Metric Format line once a
 * minute (docs/worker.md); summed over the {@link LoadWindows}. A failed call is logged and read as
 * unknown: the cycle goes on with the policy's guesses, which err towards more tasks.
 */
public final class CloudWatchLoad implements LoadSource {

    /** The worker's EMF metric names; the worker's WorkReport writes the same. */
    public static final String PROCESSED = "MessagesProcessed";

    public static final String BUSY = "BusyTaskSeconds";
    /** The dimension the workers put on their metrics: the queue's name. */
    public static final String QUEUE_DIMENSION = "Queue";

    private final CloudWatchClient cloudWatch;
    private final String queueName;
    private final String workerNamespace;
    private final Retrying retrying;
    private final Consumer<String> warn;

    public CloudWatchLoad(
            CloudWatchClient cloudWatch,
            String queueName,
            String workerNamespace,
            Retrying retrying,
            Consumer<String> warn) {
        this.cloudWatch = cloudWatch;
        this.queueName = queueName;
        this.workerNamespace = workerNamespace;
        this.retrying = retrying;
        this.warn = warn;
    }

    @Override
    public LoadMeasurement read(Instant now) {
        Instant end = LoadWindows.end(now);
        try {
            Map<String, Sum> sums = query(end);
            Sum sent = sums.get("sent");
            LoadMeasurement.Window recent = new LoadMeasurement.Window(
                    LoadWindows.RECENT,
                    sent.points == 0 ? OptionalLong.empty() : OptionalLong.of(Math.round(sent.value)),
                    Math.round(sums.get("processed").value),
                    sums.get("busy").value);
            LoadMeasurement.Window longTerm = new LoadMeasurement.Window(
                    LoadWindows.LONG_TERM,
                    OptionalLong.empty(),
                    Math.round(sums.get("processed24h").value),
                    sums.get("busy24h").value);
            return LoadMeasurement.of(recent, longTerm);
        } catch (SdkException e) {
            warn.accept(
                    "cloudwatch.GetMetricData failed, sizing with the policy's assumed throughput: " + e.getMessage());
            return LoadMeasurement.UNKNOWN;
        }
    }

    private Map<String, Sum> query(Instant end) {
        List<MetricDataQuery> queries = List.of(
                sum("sent", "AWS/SQS", "NumberOfMessagesSent", "QueueName", Duration.ofMinutes(1)),
                sum("processed", workerNamespace, PROCESSED, QUEUE_DIMENSION, Duration.ofMinutes(1)),
                sum("busy", workerNamespace, BUSY, QUEUE_DIMENSION, Duration.ofMinutes(1)),
                sum("processed24h", workerNamespace, PROCESSED, QUEUE_DIMENSION, Duration.ofHours(1)),
                sum("busy24h", workerNamespace, BUSY, QUEUE_DIMENSION, Duration.ofHours(1)));
        Map<String, Sum> sums = new HashMap<>();
        queries.forEach(q -> sums.put(q.id(), new Sum()));
        Instant recentStart = end.minus(LoadWindows.RECENT);
        String token = null;
        do {
            // The long window decides the request's range; the recent queries' points are filtered to theirs.
            GetMetricDataRequest request = GetMetricDataRequest.builder()
                    .metricDataQueries(queries)
                    .startTime(end.minus(LoadWindows.LONG_TERM))
                    .endTime(end)
                    .nextToken(token)
                    .build();
            GetMetricDataResponse response =
                    retrying.call("cloudwatch.GetMetricData", () -> cloudWatch.getMetricData(request));
            for (MetricDataResult r : response.metricDataResults()) {
                boolean recentOnly = !r.id().endsWith("24h");
                Sum s = sums.get(r.id());
                for (int i = 0; i < r.timestamps().size(); i++) {
                    if (recentOnly && r.timestamps().get(i).isBefore(recentStart)) {
                        continue;
                    }
                    s.add(r.values().get(i));
                }
            }
            token = response.nextToken();
        } while (token != null);
        return sums;
    }

    private MetricDataQuery sum(String id, String namespace, String metric, String dimension, Duration period) {
        return MetricDataQuery.builder()
                .id(id)
                .returnData(true)
                .metricStat(MetricStat.builder()
                        .metric(Metric.builder()
                                .namespace(namespace)
                                .metricName(metric)
                                .dimensions(Dimension.builder()
                                        .name(dimension)
                                        .value(queueName)
                                        .build())
                                .build())
                        .period((int) period.toSeconds())
                        .stat("Sum")
                        .build())
                .build();
    }

    /** Queue name from a queue URL (https://sqs.REGION.amazonaws.com/ACCOUNT/NAME). */
    public static String queueName(String queueUrl) {
        String trimmed = queueUrl.endsWith("/") ? queueUrl.substring(0, queueUrl.length() - 1) : queueUrl;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    private static final class Sum {
        double value;
        int points;

        void add(double v) {
            value += v;
            points++;
        }
    }
}
