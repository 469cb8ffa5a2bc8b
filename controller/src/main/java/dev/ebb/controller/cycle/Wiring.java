package dev.ebb.controller.cycle;

import dev.ebb.controller.aws.AwsClients;
import dev.ebb.controller.aws.CloudWatchLoad;
import dev.ebb.controller.aws.EcsTaskFleet;
import dev.ebb.controller.aws.Retrying;
import dev.ebb.controller.aws.S3PolicyStore;
import dev.ebb.controller.aws.SqsQueueDepth;
import dev.ebb.controller.livepolicy.LivePolicy;
import dev.ebb.controller.livepolicy.PolicySource;
import dev.ebb.controller.policy.PolicyParser;
import dev.ebb.controller.policy.PolicyResult;
import dev.ebb.controller.port.Budget;
import dev.ebb.controller.port.LoadSource;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Builds a cycle from settings: the one place that knows every concrete class. */
public final class Wiring implements AutoCloseable {

    private final SqsClient sqs;
    private final EcsClient ecs;
    private final CloudWatchClient cloudWatch;
    private final S3Client s3;
    /** Kept across cycles: its ETag cache and the last valid policy. */
    private final PolicySource policy;
    /** The running invocation's time left, which the long-lived policy store's retries stay within. */
    private volatile Budget invocation = Budget.fixed(Duration.ofSeconds(30));

    /** Clients from the region and endpoints of {@code settings}; the rest of it is read per cycle. */
    public Wiring(Settings settings) {
        this.sqs = AwsClients.sqs(settings.region().map(Region::of), settings.sqsEndpoint());
        this.ecs = AwsClients.ecs(settings.region().map(Region::of), settings.ecsEndpoint());
        this.cloudWatch = AwsClients.cloudWatch(settings.region().map(Region::of), settings.cloudWatchEndpoint());
        this.s3 = settings.storedPolicy()
                .map(l -> AwsClients.s3(settings.region().map(Region::of), l.endpoint()))
                .orElse(null);
        this.policy = settings.storedPolicy()
                .<PolicySource>map(l -> new LivePolicy(
                        new S3PolicyStore(
                                s3,
                                l.bucket(),
                                l.key(),
                                new Retrying(Retrying.Backoff.BRIEF, () -> invocation.remaining())),
                        fileOrBundled(settings)))
                .orElseGet(() -> PolicySource.of(fileOrBundled(settings)));
    }

    /** One cycle with this tick's settings (the network and dry-run come with each scheduled event). */
    public ControllerCycle cycle(Settings settings, Budget budget, HistoryStore history) {
        invocation = budget;
        Retrying retrying = new Retrying(Retrying.Backoff.DEFAULT, budget);
        LoadSource load = new CloudWatchLoad(
                cloudWatch,
                CloudWatchLoad.queueName(settings.queueUrl()),
                settings.workerMetricsNamespace(),
                new Retrying(Retrying.Backoff.BRIEF, budget),
                warning -> System.err.println(warning));
        return new ControllerCycle(
                policy,
                new SqsQueueDepth(sqs, settings.queueUrl(), retrying),
                new EcsTaskFleet(ecs, settings.fleet(), retrying),
                load,
                history,
                settings.fleet().deployment());
    }

    /** The file named by EBB_POLICY_FILE, else the policy bundled at build time. Read every cycle. */
    public static Supplier<PolicyResult> fileOrBundled(Settings settings) {
        return () -> settings.policyFile().map(PolicyParser::parse).orElseGet(PolicyParser::parseBundled);
    }

    @Override
    public void close() {
        sqs.close();
        ecs.close();
        cloudWatch.close();
        if (s3 != null) {
            s3.close();
        }
    }
}
