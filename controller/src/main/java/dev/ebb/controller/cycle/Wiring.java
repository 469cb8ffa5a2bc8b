package dev.ebb.controller.cycle;

import dev.ebb.controller.aws.AwsClients;
import dev.ebb.controller.aws.Budget;
import dev.ebb.controller.aws.CloudWatchLoad;
import dev.ebb.controller.aws.EcsTaskFleet;
import dev.ebb.controller.aws.LoadSource;
import dev.ebb.controller.aws.Retrying;
import dev.ebb.controller.aws.SqsQueueDepth;
import dev.ebb.controller.policy.PolicyParser;
import dev.ebb.controller.policy.PolicyResult;
import java.util.function.Supplier;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Builds a cycle from settings: the one place that knows every concrete class. */
public final class Wiring implements AutoCloseable {

    private final Settings settings;
    private final SqsClient sqs;
    private final EcsClient ecs;
    private final CloudWatchClient cloudWatch;

    public Wiring(Settings settings) {
        this.settings = settings;
        this.sqs = AwsClients.sqs(settings.region().map(Region::of), settings.sqsEndpoint());
        this.ecs = AwsClients.ecs(settings.region().map(Region::of), settings.ecsEndpoint());
        this.cloudWatch = AwsClients.cloudWatch(settings.region().map(Region::of), settings.cloudWatchEndpoint());
    }

    public ControllerCycle cycle(Budget budget, HistoryStore history) {
        Retrying retrying = new Retrying(Retrying.Backoff.DEFAULT, budget);
        LoadSource load = new CloudWatchLoad(cloudWatch, CloudWatchLoad.queueName(settings.queueUrl()), settings.workerMetricsNamespace(),
                new Retrying(Retrying.Backoff.BRIEF, budget), warning -> System.err.println(warning));
        return new ControllerCycle(policySource(settings), new SqsQueueDepth(sqs, settings.queueUrl(), retrying),
                new EcsTaskFleet(ecs, settings.fleet(), retrying), load, history, settings.fleet().deployment());
    }

    /** The file named by EBB_POLICY_FILE, else the policy bundled at build time. Read every cycle. */
    public static Supplier<PolicyResult> policySource(Settings settings) {
        return () -> settings.policyFile().map(PolicyParser::parse).orElseGet(PolicyParser::parseBundled);
    }

    @Override
    public void close() {
        sqs.close();
        ecs.close();
        cloudWatch.close();
    }
}
