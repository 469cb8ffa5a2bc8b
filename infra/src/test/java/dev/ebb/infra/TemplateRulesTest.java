package dev.ebb.infra;

import static dev.ebb.infra.CfnTemplate.getAtt;
import static dev.ebb.infra.CfnTemplate.list;
import static dev.ebb.infra.CfnTemplate.map;
import static dev.ebb.infra.CfnTemplate.ref;
import static dev.ebb.infra.CfnTemplate.sub;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The rules of issue 6 that are not about IAM, checked on the templates as written. */
class TemplateRulesTest {

    static final CfnTemplate EBB = CfnTemplate.load("infra/cloudformation/ebb.yaml");
    static final CfnTemplate CICD = CfnTemplate.load("infra/cloudformation/cicd.yaml");
    static final CfnTemplate NETWORK = CfnTemplate.load("infra/cloudformation/network.yaml");

    static Map<String, Object> workerContainer() {
        return list(EBB.properties("WorkerTaskDefinition").get("ContainerDefinitions")).stream()
                .map(CfnTemplate::map)
                .filter(c -> "worker".equals(c.get("Name")))
                .findFirst()
                .orElseThrow();
    }

    static Object parameterDefault(CfnTemplate t, String name) {
        return map(map(t.root().get("Parameters")).get(name)).get("Default");
    }

    @Test
    void bucketsAreEncryptedPrivateAndTlsOnly() {
        for (CfnTemplate t : List.of(EBB, CICD)) {
            List<String> buckets = t.ofType("AWS::S3::Bucket");
            assertThat(buckets).isNotEmpty();
            for (String b : buckets) {
                Map<String, Object> p = t.properties(b);
                assertThat(list(map(p.get("BucketEncryption")).get("ServerSideEncryptionConfiguration")))
                        .as(b)
                        .isNotEmpty();
                assertThat(map(p.get("PublicAccessBlockConfiguration")))
                        .as(b)
                        .containsOnly(
                                Map.entry("BlockPublicAcls", true), Map.entry("BlockPublicPolicy", true),
                                Map.entry("IgnorePublicAcls", true), Map.entry("RestrictPublicBuckets", true));
                boolean tlsOnly = t.ofType("AWS::S3::BucketPolicy").stream()
                        .map(t::properties)
                        .filter(bp -> ref(b).equals(bp.get("Bucket")))
                        .flatMap(bp -> list(map(bp.get("PolicyDocument")).get("Statement")).stream()
                                .map(CfnTemplate::map))
                        .anyMatch(s -> "Deny".equals(s.get("Effect"))
                                && "false"
                                        .equals(map(map(s.get("Condition")).get("Bool"))
                                                .get("aws:SecureTransport")));
                assertThat(tlsOnly)
                        .as(t.file() + " " + b + " denies plain HTTP")
                        .isTrue();
            }
        }
    }

    /**
     * The worker's attempt markers (worker/…/poison/AttemptMarkers, docs/worker.md) are left behind
     * only by a worker that died: the destination bucket expires their folder, and not before the
     * queue has forgotten the message a marker belongs to.
     */
    @Test
    void attemptMarkersExpireOnceTheQueueCannotHoldTheirMessage() {
        Map<String, Object> rule =
                list(map(EBB.properties("DestinationBucket").get("LifecycleConfiguration"))
                                .get("Rules"))
                        .stream()
                        .map(CfnTemplate::map)
                        .filter(r -> "expire-attempt-markers".equals(r.get("Id")))
                        .findFirst()
                        .orElseThrow();
        assertThat(rule)
                .containsEntry("Status", "Enabled")
                .containsEntry("Prefix", sub("${DestinationPrefix}.ebb/attempts/"));
        int retentionDays = ((Number) EBB.properties("Queue").get("MessageRetentionPeriod")).intValue() / 86_400;
        assertThat(((Number) rule.get("ExpirationInDays")).intValue()).isGreaterThan(retentionDays);
        // the same folder as the worker writes to: <EBB_DEST_PREFIX> + ".ebb/" + "attempts/"
        assertThat(Repo.read("worker/src/main/java/dev/ebb/worker/poison/AttemptMarkers.java"))
                .contains("FOLDER = RecordProcessor.RESERVED_FOLDER + \"attempts/\"");
        assertThat(Repo.read("worker/src/main/java/dev/ebb/worker/process/RecordProcessor.java"))
                .contains("RESERVED_FOLDER = \".ebb/\"");
    }

    @Test
    void sourceBucketNotifiesTheQueueWithPrefixAndSuffixParameters() {
        Map<String, Object> queueConfig =
                map(list(map(EBB.properties("SourceBucket").get("NotificationConfiguration"))
                                .get("QueueConfigurations"))
                        .getFirst());
        assertThat(queueConfig)
                .containsEntry("Event", "s3:ObjectCreated:*")
                .containsEntry("Queue", getAtt("Queue", "Arn"));
        String filter = queueConfig.get("Filter").toString();
        assertThat(filter).contains("{Ref=SourcePrefix}").contains("{Ref=SourceSuffix}");
        assertThat(EBB.resource("SourceBucket").get("DependsOn")).isEqualTo("QueuePolicy");
    }

    @Test
    void queuesAreEncryptedWithARedriveAndA14DayDeadLetterQueue() {
        for (String q : EBB.ofType("AWS::SQS::Queue")) {
            Map<String, Object> p = EBB.properties(q);
            assertThat(Boolean.TRUE.equals(p.get("SqsManagedSseEnabled")) || p.containsKey("KmsMasterKeyId"))
                    .as(q)
                    .isTrue();
        }
        assertThat(EBB.properties("DeadLetterQueue")).containsEntry("MessageRetentionPeriod", 1209600);
        assertThat(map(EBB.properties("Queue").get("RedrivePolicy")))
                .containsEntry("deadLetterTargetArn", getAtt("DeadLetterQueue", "Arn"))
                .containsEntry("maxReceiveCount", ref("MaxReceiveCount"));
        assertThat(EBB.properties("Queue").get("VisibilityTimeout")).isEqualTo(ref("VisibilityTimeoutSeconds"));
    }

    @Test
    void onlyTheSourceBucketOfThisAccountMaySendToTheQueue() {
        Map<String, Object> allow =
                list(map(EBB.properties("QueuePolicy").get("PolicyDocument")).get("Statement")).stream()
                        .map(CfnTemplate::map)
                        .filter(s -> "Allow".equals(s.get("Effect")))
                        .findFirst()
                        .orElseThrow();
        assertThat(allow.get("Principal")).isEqualTo(Map.of("Service", "s3.amazonaws.com"));
        assertThat(allow.get("Action")).isEqualTo("sqs:SendMessage");
        Map<String, Object> condition = map(allow.get("Condition"));
        assertThat(map(condition.get("StringEquals"))).containsEntry("aws:SourceAccount", ref("AWS::AccountId"));
        // the ARN in the condition is the bucket's own name
        String bucketName =
                (String) map(EBB.properties("SourceBucket").get("BucketName")).get("Fn::Sub");
        assertThat(map(condition.get("ArnEquals")))
                .containsEntry("aws:SourceArn", CfnTemplate.sub("arn:${AWS::Partition}:s3:::" + bucketName));
    }

    @Test
    void clusterHasFargateSpotAndContainerInsights() {
        Map<String, Object> p = EBB.properties("Cluster");
        assertThat(list(p.get("CapacityProviders"))).containsExactlyInAnyOrder("FARGATE", "FARGATE_SPOT");
        assertThat(list(p.get("ClusterSettings"))).contains(Map.of("Name", "containerInsights", "Value", "enabled"));
    }

    @Test
    void workerTaskIsSmallReadOnlyNonRootAndStopsGracefully() throws Exception {
        Map<String, Object> td = EBB.properties("WorkerTaskDefinition");
        assertThat(td.get("Cpu")).isEqualTo(ref("WorkerCpu"));
        assertThat(td.get("Memory")).isEqualTo(ref("WorkerMemory"));
        assertThat(parameterDefault(EBB, "WorkerCpu")).isEqualTo(512);
        assertThat(parameterDefault(EBB, "WorkerMemory")).isEqualTo(1024);
        assertThat(td.get("ExecutionRoleArn")).isNotEqualTo(td.get("TaskRoleArn"));

        Map<String, Object> worker = workerContainer();
        assertThat(worker)
                .containsEntry("ReadonlyRootFilesystem", true)
                .containsEntry("StopTimeout", 120)
                .containsEntry("Essential", true);
        assertThat(list(worker.get("MountPoints")))
                .contains(Map.of("SourceVolume", "scratch", "ContainerPath", "/tmp", "ReadOnly", false));
        assertThat(list(td.get("Volumes"))).contains(Map.of("Name", "scratch"));
        assertThat(map(worker.get("LogConfiguration"))).containsEntry("LogDriver", "awslogs");

        // every variable is one the worker reads, and the required ones are set
        Set<String> known = new TreeSet<>();
        Matcher m = Pattern.compile("\"(EBB_[A-Z_]+)\"")
                .matcher(Repo.read("worker/src/main/java/dev/ebb/worker/config/ConfigReader.java"));
        while (m.find()) {
            known.add(m.group(1));
        }
        Set<String> set = new TreeSet<>();
        list(worker.get("Environment")).forEach(e -> set.add((String) map(e).get("Name")));
        assertThat(known).containsAll(set);
        assertThat(set).contains("EBB_QUEUE_URL", "EBB_DEST_BUCKET", "EBB_DLQ_URL", "EBB_METRICS_PORT");
        // the worker drains within the stop timeout
        Object grace = list(worker.get("Environment")).stream()
                .map(CfnTemplate::map)
                .filter(e -> "EBB_GRACE_SECONDS".equals(e.get("Name")))
                .findFirst()
                .orElseThrow()
                .get("Value");
        assertThat(Integer.parseInt((String) grace)).isLessThan(120);
    }

    @Test
    void metricsSidecarScrapesTheWorkersPort() {
        Map<String, Object> td = EBB.properties("WorkerTaskDefinition");
        String all = td.get("ContainerDefinitions").toString();
        String port = list(workerContainer().get("Environment")).stream()
                .map(CfnTemplate::map)
                .filter(e -> "EBB_METRICS_PORT".equals(e.get("Name")))
                .findFirst()
                .orElseThrow()
                .get("Value")
                .toString();
        assertThat(all).contains("localhost:" + port).contains("Ebb/Worker").contains("prometheus");
        assertThat(EBB.ofType("AWS::CloudWatch::Dashboard")).hasSize(1);
    }

    @Test
    void dashboardAndAgentConfigurationAreValidJson() throws Exception {
        var json = new ObjectMapper();
        Object body = list(map(EBB.properties("Dashboard").get("DashboardBody")).get("Fn::Sub"))
                .getFirst();
        var dashboard = json.readTree(((String) body).replaceAll("\\$\\{[^}]+}", "X"));
        assertThat(dashboard.get("widgets").size()).isGreaterThan(5);
        Map<String, Object> agent = list(EBB.properties("WorkerTaskDefinition").get("ContainerDefinitions")).stream()
                .map(CfnTemplate::map)
                .filter(c -> c.containsKey("Fn::If"))
                .map(c -> map(list(c.get("Fn::If")).get(1)))
                .findFirst()
                .orElseThrow();
        String config = list(agent.get("Environment")).stream()
                .map(CfnTemplate::map)
                .filter(e -> "CW_CONFIG_CONTENT".equals(e.get("Name")))
                .map(e -> (String) map(e.get("Value")).get("Fn::Sub"))
                .findFirst()
                .orElseThrow();
        var cw = json.readTree(config.replaceAll("\\$\\{[^}]+}", "X"));
        assertThat(cw.at("/logs/metrics_collected/prometheus/emf_processor/metric_namespace")
                        .asText())
                .isEqualTo("Ebb/Worker");
        // every metric the agent keeps is one the worker exports (Micrometer names, Prometheus style)
        String meters = Repo.read("worker/src/main/java/dev/ebb/worker/observe/WorkerMetrics.java");
        for (var declaration : cw.at("/logs/metrics_collected/prometheus/emf_processor/metric_declaration")) {
            for (var selector : declaration.get("metric_selectors")) {
                String prom = selector.asText().replaceAll("^\\^|\\$$", "");
                String base = prom.replaceAll("_(total|seconds_sum|seconds_count)$", "");
                assertThat(meters).as(prom).contains("\"" + base.replace('_', '.') + "\"");
            }
        }
    }

    @Test
    void controllerIsJava25WithSnapStartOnATickThatIsAParameter() throws Exception {
        Map<String, Object> fn = EBB.properties("Controller");
        assertThat(fn)
                .containsEntry("Runtime", "java25")
                .containsEntry("SnapStart", Map.of("ApplyOn", "PublishedVersions"));
        // a reservation of 1 fails on accounts whose concurrency quota is 10: only on request
        assertThat(fn.get("ReservedConcurrentExecutions"))
                .isEqualTo(Map.of("Fn::If", List.of("ReserveConcurrency", 1, ref("AWS::NoValue"))));
        assertThat(parameterDefault(EBB, "ReserveControllerConcurrency")).isEqualTo("false");
        // ticks never overlap without it: the smallest tick is longer than the longest run
        assertThat(fn.get("Timeout")).isEqualTo(60);
        assertThat("rate(1 minute)").doesNotMatch((String)
                map(map(EBB.root().get("Parameters")).get("ControllerSchedule")).get("AllowedPattern"));
        assertAllowed("ControllerSchedule", "rate(2 minutes)");
        assertAllowed("ControllerSchedule", "rate(10 minutes)");
        String handler = (String) fn.get("Handler");
        String handlerClass = handler.substring(0, handler.indexOf("::"));
        assertThat(Repo.path("controller/src/main/java/" + handlerClass.replace('.', '/') + ".java"))
                .exists();
        assertThat(Repo.read("docs/controller.md")).contains(handler);

        // environment: only variables docs/controller.md lists, and all the required ones
        Set<String> documented = new TreeSet<>();
        Matcher m =
                Pattern.compile("(?m)^\\| `(EBB_[A-Z_]+)` \\| (yes|no) \\|").matcher(Repo.read("docs/controller.md"));
        Set<String> required = new TreeSet<>();
        while (m.find()) {
            documented.add(m.group(1));
            if (m.group(2).equals("yes")) {
                required.add(m.group(1));
            }
        }
        Set<String> set =
                new TreeSet<>(map(map(fn.get("Environment")).get("Variables")).keySet());
        set.remove("JAVA_TOOL_OPTIONS");
        set.addAll(scheduleEnvironment());
        assertThat(documented).containsAll(set);
        assertThat(set).containsAll(required);

        Map<String, Object> rule = EBB.properties("Schedule");
        assertThat(rule.get("ScheduleExpression")).isEqualTo(ref("ControllerSchedule"));
        assertThat(parameterDefault(EBB, "ControllerSchedule")).isEqualTo("rate(2 minutes)");
        assertThat(map(list(rule.get("Targets")).getFirst()).get("Arn")).isEqualTo(ref("ControllerAlias"));
        assertThat(EBB.properties("ControllerAlias").get("FunctionVersion"))
                .isEqualTo(getAtt("ControllerVersion", "Version"));
    }

    /** The variables the schedule's input hands the controller with every tick. */
    static Set<String> scheduleEnvironment() throws Exception {
        Object sub = map(map(scheduleTarget().get("InputTransformer")).get("InputTemplate"))
                .get("Fn::Sub");
        String template = (String) list(sub).getFirst();
        var json = new ObjectMapper()
                .readTree(template.replaceAll("<time>", "\"2026-01-01T00:00:00Z\"")
                        .replaceAll("\\$\\{[^}]+}", "X"));
        Set<String> names = new TreeSet<>();
        json.get("environment").fieldNames().forEachRemaining(names::add);
        return names;
    }

    static Map<String, Object> scheduleTarget() {
        return map(list(EBB.properties("Schedule").get("Targets")).getFirst());
    }

    /** Parameters a template value refers to: {@code Ref}s and the {@code ${...}} of {@code Fn::Sub}s, anywhere inside it. */
    static Set<String> parametersIn(CfnTemplate t, Object value) {
        Set<String> parameters = map(t.root().get("Parameters")).keySet();
        Set<String> found = new TreeSet<>();
        walk(value, v -> {
            if (v instanceof Map<?, ?> m) {
                if (m.get("Ref") instanceof String r && parameters.contains(r)) {
                    found.add(r);
                }
                Object sub = m.get("Fn::Sub");
                String text = sub instanceof String str
                        ? str
                        : sub instanceof List<?> l && !l.isEmpty() ? (String) l.getFirst() : null;
                if (text != null) {
                    Matcher m2 = Pattern.compile("\\$\\{([A-Za-z0-9]+)}").matcher(text);
                    while (m2.find()) {
                        if (parameters.contains(m2.group(1))) {
                            found.add(m2.group(1));
                        }
                    }
                }
            }
        });
        return found;
    }

    static void walk(Object value, java.util.function.Consumer<Object> visit) {
        visit.accept(value);
        if (value instanceof Map<?, ?> m) {
            m.values().forEach(v -> walk(v, visit));
        } else if (value instanceof List<?> l) {
            l.forEach(v -> walk(v, visit));
        }
    }

    /**
     * Issue #13: the schedule invokes the {@code live} alias, pinned to a version that keeps the
     * environment it was published with, and CloudFormation replaces a version only when the
     * version's own properties change. So: every parameter the function's versioned configuration
     * uses is named in the version's Description (a change to it publishes a new version and
     * moves the alias), and the settings that change without a new jar (dry run, network) are not
     * in the function at all but in the schedule's input, which an update changes at once.
     */
    @Test
    void aParameterOnlyChangeReachesTheAliasTheScheduleInvokes() throws Exception {
        Map<String, Object> fn = new java.util.LinkedHashMap<>(EBB.properties("Controller"));
        fn.remove("ReservedConcurrentExecutions"); // a setting of the function, not of a version: applies at once
        Set<String> usedByTheFunction = parametersIn(EBB, fn);
        Set<String> inTheVersion =
                parametersIn(EBB, EBB.properties("ControllerVersion").get("Description"));
        assertThat(usedByTheFunction).isNotEmpty().contains("ControllerCodeKey");
        assertThat(inTheVersion)
                .as("parameters of the function that a new version must follow")
                .containsAll(usedByTheFunction);

        Set<String> perTick = Set.of("ControllerDryRun", "Subnets", "SecurityGroups", "AssignPublicIp");
        assertThat(usedByTheFunction)
                .as("frozen into a version if the function used them")
                .doesNotContainAnyElementsOf(perTick);
        assertThat(parametersIn(EBB, scheduleTarget().get("InputTransformer"))).containsAll(perTick);
        assertThat(scheduleEnvironment())
                .containsExactlyInAnyOrder("EBB_DRY_RUN", "EBB_SUBNETS", "EBB_SECURITY_GROUPS", "EBB_ASSIGN_PUBLIC_IP");
        // the handler reads exactly these from the event, and its time as the tick
        assertThat(map(map(scheduleTarget().get("InputTransformer")).get("InputPathsMap")))
                .containsEntry("time", "$.time");
        String handler = Repo.read("controller/src/main/java/dev/ebb/controller/lambda/ScheduledEvent.java");
        scheduleEnvironment().forEach(v -> assertThat(handler).contains("\"" + v + "\""));

        assertThat(scheduleTarget().get("Arn")).isEqualTo(ref("ControllerAlias"));
        assertThat(EBB.properties("ControllerAlias").get("FunctionVersion"))
                .isEqualTo(getAtt("ControllerVersion", "Version"));
    }

    /** Where data lives, a stack deletion or replacement keeps it (issue #13; cfn-lint I3011). */
    @Test
    void statefulResourcesAreRetained() {
        Set<String> stateful = Set.of(
                "AWS::SQS::Queue",
                "AWS::KMS::Key",
                "AWS::Logs::LogGroup",
                "AWS::S3::Bucket",
                "AWS::ECR::Repository",
                "AWS::APS::Workspace");
        int seen = 0;
        for (CfnTemplate t : List.of(EBB, CICD, NETWORK)) {
            for (var e : t.resources().entrySet()) {
                Map<String, Object> r = map(e.getValue());
                if (stateful.contains(r.get("Type"))) {
                    seen++;
                    assertThat(r.get("DeletionPolicy"))
                            .as(t.file() + " " + e.getKey())
                            .isIn("Retain", "Snapshot");
                    assertThat(r.get("UpdateReplacePolicy"))
                            .as(t.file() + " " + e.getKey())
                            .isIn("Retain", "Snapshot");
                }
            }
        }
        assertThat(seen).isGreaterThanOrEqualTo(16);
    }

    /** ECS ignores an image's HEALTHCHECK: the task definition repeats the Dockerfile's. */
    @Test
    void workerContainerHasTheImagesHealthCheck() throws Exception {
        Map<String, Object> check = map(workerContainer().get("HealthCheck"));
        List<Object> command = list(check.get("Command"));
        String dockerfile = Repo.read("Dockerfile");
        Matcher m = Pattern.compile(
                        "HEALTHCHECK --interval=(\\d+)s --timeout=(\\d+)s --start-period=(\\d+)s --retries=(\\d+) \\\\\\s*CMD (\\[.*])")
                .matcher(dockerfile);
        assertThat(m.find()).as("the Dockerfile's HEALTHCHECK").isTrue();
        List<String> imageCommand =
                new ObjectMapper().readValue(m.group(5), new com.fasterxml.jackson.core.type.TypeReference<>() {});
        assertThat(command.getFirst()).isEqualTo("CMD");
        assertThat(command.subList(1, command.size())).isEqualTo(imageCommand);
        assertThat(check)
                .containsEntry("Interval", Integer.parseInt(m.group(1)))
                .containsEntry("Timeout", Integer.parseInt(m.group(2)))
                .containsEntry("StartPeriod", Integer.parseInt(m.group(3)))
                .containsEntry("Retries", Integer.parseInt(m.group(4)));
    }

    @Test
    void alarmsWatchTheQueuesAndTheControllersMetricsAndNotifyTheTopic() {
        String docs = Repo.read("docs/controller.md");
        Set<String> metrics = new TreeSet<>();
        for (String a : EBB.ofType("AWS::CloudWatch::Alarm")) {
            Map<String, Object> p = EBB.properties(a);
            assertThat(list(p.get("AlarmActions"))).as(a).containsExactly(ref("AlarmTopic"));
            if (p.containsKey("MetricName")) {
                metrics.add(p.get("Namespace") + "/" + p.get("MetricName"));
            }
            for (Object q : list(p.get("Metrics"))) {
                Map<String, Object> metric = map(map(map(q).get("MetricStat")).get("Metric"));
                if (!metric.isEmpty()) {
                    metrics.add(metric.get("Namespace") + "/" + metric.get("MetricName"));
                }
            }
        }
        assertThat(metrics)
                .contains(
                        "AWS/SQS/ApproximateNumberOfMessagesVisible",
                        "AWS/SQS/ApproximateAgeOfOldestMessage",
                        "Ebb/Controller/Errors",
                        "Ebb/Controller/TerminalErrors",
                        "Ebb/Controller/PolicyErrors");
        // a terminal error alarms at the first one: no retry fixes it
        Map<String, Object> terminal = EBB.properties("ControllerTerminalErrorsAlarm");
        assertThat(terminal)
                .containsEntry("MetricName", "TerminalErrors")
                .containsEntry("EvaluationPeriods", 1)
                .containsEntry("Threshold", 0);
        metrics.stream()
                .filter(n -> n.startsWith("Ebb/Controller/"))
                .forEach(n -> assertThat(docs)
                        .as(n + " is a documented controller metric")
                        .contains("| `" + n.substring("Ebb/Controller/".length()) + "` |"));
    }

    @Test
    void logGroupsAreEncryptedAndExpire() {
        for (CfnTemplate t : List.of(EBB, CICD, NETWORK)) {
            for (String g : t.ofType("AWS::Logs::LogGroup")) {
                assertThat(t.properties(g)).as(t.file() + " " + g).containsKeys("RetentionInDays", "KmsKeyId");
            }
        }
    }

    @Test
    void networkHasPrivateSubnetsAndEndpointsButNoNat() {
        Set<String> services = new TreeSet<>();
        for (String e : NETWORK.ofType("AWS::EC2::VPCEndpoint")) {
            String name = (String) map(NETWORK.properties(e).get("ServiceName")).get("Fn::Sub");
            services.add(name.substring(name.lastIndexOf("}.") + 2));
        }
        assertThat(services).containsExactlyInAnyOrder("s3", "sqs", "ecr.api", "ecr.dkr", "logs");
        assertThat(NETWORK.ofType("AWS::EC2::NatGateway")).isEmpty();
        assertThat(NETWORK.ofType("AWS::EC2::InternetGateway")).isEmpty();
        for (String s : NETWORK.ofType("AWS::EC2::Subnet")) {
            assertThat(NETWORK.properties(s)).containsEntry("MapPublicIpOnLaunch", false);
        }
    }

    /** A value the ebb stack accepts for this parameter (CloudFormation would reject it at deploy time). */
    static void assertAllowed(String name, String value) {
        Map<String, Object> p = map(map(EBB.root().get("Parameters")).get(name));
        String what = "ebb-parameters.json " + name + "=" + value;
        if (p.containsKey("AllowedValues")) {
            assertThat(list(p.get("AllowedValues")).stream().map(String::valueOf))
                    .as(what)
                    .contains(value);
        }
        if (p.containsKey("AllowedPattern")) {
            assertThat(value).as(what).matches((String) p.get("AllowedPattern"));
        }
        if (p.containsKey("MinValue")) {
            assertThat(Double.parseDouble(value))
                    .as(what)
                    .isGreaterThanOrEqualTo(((Number) p.get("MinValue")).doubleValue());
        }
        if (p.containsKey("MaxValue")) {
            assertThat(Double.parseDouble(value))
                    .as(what)
                    .isLessThanOrEqualTo(((Number) p.get("MaxValue")).doubleValue());
        }
    }

    @Test
    void pipelineBuildsWithBuildspecAndDeploysTheEbbTemplateWithParametersItKnows() throws Exception {
        Map<String, Object> repo = CICD.properties("Repository");
        assertThat(repo)
                .containsEntry("ImageTagMutability", "IMMUTABLE")
                .containsEntry("ImageScanningConfiguration", Map.of("ScanOnPush", true));
        assertThat(map(CICD.properties("Build").get("Source"))).containsEntry("BuildSpec", "buildspec.yml");
        assertThat(Repo.path("buildspec.yml")).exists();

        Map<String, Object> deploy = list(CICD.properties("Pipeline").get("Stages")).stream()
                .map(CfnTemplate::map)
                .filter(s -> "Deploy".equals(s.get("Name")))
                .flatMap(s -> list(s.get("Actions")).stream())
                .map(CfnTemplate::map)
                .findFirst()
                .orElseThrow();
        Map<String, Object> config = map(deploy.get("Configuration"));
        assertThat(config.get("TemplatePath")).isEqualTo("Source::infra/cloudformation/ebb.yaml");
        assertThat(config.get("TemplateConfiguration")).isEqualTo("Built::ebb-parameters.json");
        assertThat(Repo.read("buildspec.yml"))
                .contains("infra/cloudformation/ebb-parameters.json > ebb-parameters.json");

        Set<String> ebbParameters = map(EBB.root().get("Parameters")).keySet();
        var tuning =
                new ObjectMapper().readTree(Files.readString(Repo.path("infra/cloudformation/ebb-parameters.json")));
        tuning.get("Parameters").properties().forEach(p -> {
            assertThat(ebbParameters).as("ebb-parameters.json").contains(p.getKey());
            assertAllowed(p.getKey(), p.getValue().asText());
        });
        for (String p : List.of("ImageTag", "ImageRepository", "ControllerCodeBucket", "ControllerCodeKey")) {
            assertThat(Repo.read("buildspec.yml")).contains(p + ": $");
            assertThat(ebbParameters).contains(p);
        }
        String overrides = map(config.get("ParameterOverrides")).get("Fn::Sub").toString();
        Matcher m = Pattern.compile("\"(\\w+)\":").matcher(overrides);
        while (m.find()) {
            assertThat(ebbParameters).as("ParameterOverrides").contains(m.group(1));
        }
    }
}
