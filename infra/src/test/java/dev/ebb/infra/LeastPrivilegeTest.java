package dev.ebb.infra;

import static dev.ebb.infra.CfnTemplate.getAtt;
import static dev.ebb.infra.CfnTemplate.list;
import static dev.ebb.infra.CfnTemplate.map;
import static dev.ebb.infra.CfnTemplate.ref;
import static dev.ebb.infra.CfnTemplate.sub;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The templates grant no more than each role needs, on resources named as narrowly as IAM allows. */
class LeastPrivilegeTest {

    static final List<String> TEMPLATES = List.of(
            "infra/cloudformation/network.yaml", "infra/cloudformation/ebb.yaml", "infra/cloudformation/cicd.yaml");

    /**
     * The only actions granted on {@code Resource: "*"}, and why: IAM cannot name a resource for
     * them. Anything else on "*" fails the test.
     */
    static final Map<String, String> NO_RESOURCE_LEVEL = Map.ofEntries(
            Map.entry(
                    "ecr:GetAuthorizationToken", "an account-wide registry login token; no resource-level permissions"),
            Map.entry(
                    "cloudwatch:GetMetricData",
                    "no resource-level permissions; the controller reads its queue's and its workers' metrics (sizing by work)"),
            Map.entry(
                    "ecs:ListTasks",
                    "its resource type is a container instance, which Fargate tasks have none of; scoped by the ecs:cluster condition instead"),
            Map.entry(
                    "ecs:RegisterTaskDefinition",
                    "no resource-level permissions (the deploy role registers the worker's revisions)"),
            Map.entry("ecs:DeregisterTaskDefinition", "no resource-level permissions"),
            Map.entry("ecs:DescribeTaskDefinition", "no resource-level permissions"),
            Map.entry(
                    "kms:CreateKey", "the key's ARN does not exist before it is created; only with the ebb:stack tag"),
            Map.entry("kms:TagResource", "tags the key being created; only with the ebb:stack tag"),
            Map.entry(
                    "ec2:DescribeSubnets",
                    "no resource-level permissions (CloudFormation validates the subnet parameters)"),
            Map.entry("ec2:DescribeSecurityGroups", "no resource-level permissions"),
            Map.entry("ec2:DescribeVpcs", "no resource-level permissions"),
            Map.entry("cloudformation:ValidateTemplate", "no resource-level permissions"));

    /** Actions that need a condition when granted on "*", and the condition key that must be there. */
    static final Map<String, String> CONDITION_ON_ANY_RESOURCE = Map.of(
            "ecs:ListTasks",
            "ecs:cluster",
            "kms:CreateKey",
            "aws:RequestTag/ebb:stack",
            "kms:TagResource",
            "aws:RequestTag/ebb:stack");

    static Stream<String> templates() {
        return TEMPLATES.stream();
    }

    static List<Statement> statements() {
        List<Statement> out = new ArrayList<>();
        TEMPLATES.forEach(t -> out.addAll(Statement.all(CfnTemplate.load(t))));
        return out;
    }

    @Test
    void everyTemplateHasPolicies() {
        assertThat(statements()).hasSizeGreaterThan(30);
    }

    @Test
    void noAllowGrantsEveryAction() {
        for (Statement s : statements()) {
            if (!s.allows()) {
                continue;
            }
            assertThat(s.actions()).as(s.where()).doesNotContain("*").isNotEmpty();
            for (String action : s.actions()) {
                assertThat(action).as(s.where()).matches("[a-z0-9-]+:[A-Za-z*]+");
                // "service:*" only in a KMS key policy, for the account's administrators: AWS's
                // default key policy, without which the key could become unmanageable.
                if (action.endsWith(":*")) {
                    assertThat(s.kind()).as(s.where() + " grants " + action).isEqualTo("key");
                }
            }
        }
    }

    @Test
    void anyResourceOnlyWhereIamCannotNameOne() {
        for (Statement s : statements()) {
            if (!s.allows() || !s.anyResource()) {
                continue;
            }
            if (s.kind().equals("key")) {
                continue; // in a key policy, "*" means this key
            }
            assertThat(s.kind())
                    .as(s.where() + ": a resource policy must name its resource")
                    .isEqualTo("identity");
            assertThat(s.resources()).as(s.where()).containsExactly("*");
            for (String action : s.actions()) {
                assertThat(NO_RESOURCE_LEVEL)
                        .as(s.where() + ": " + action + " on \"*\"")
                        .containsKey(action);
                String key = CONDITION_ON_ANY_RESOURCE.get(action);
                if (key != null) {
                    assertThat(s.condition().values().stream().flatMap(v -> map(v).keySet().stream()))
                            .as(s.where() + ": " + action + " on \"*\" needs a " + key + " condition")
                            .contains(key);
                }
            }
        }
    }

    @Test
    void passRoleIsScopedToNamedRolesAndOneService() {
        List<Statement> passRole = statements().stream()
                .filter(s -> s.allows()
                        && s.actions().stream()
                                .anyMatch(a -> a.equals("iam:PassRole") || a.equals("iam:*") || a.equals("iam:Pass*")))
                .toList();
        assertThat(passRole).isNotEmpty();
        for (Statement s : passRole) {
            assertThat(s.actions()).as(s.where()).containsExactly("iam:PassRole");
            assertThat(s.anyResource()).as(s.where()).isFalse();
            assertThat(map(s.condition().get("StringEquals"))).as(s.where()).containsKey("iam:PassedToService");
        }
    }

    @Test
    void controllerRunsOnlyTheWorkerFamilyAndPassesOnlyTheWorkerRoles() {
        var controller = Statement.all(CfnTemplate.load("infra/cloudformation/ebb.yaml")).stream()
                .filter(s -> s.owner().startsWith("ControllerRole/"))
                .toList();
        Map<String, Statement> bySid = new java.util.HashMap<>();
        controller.forEach(s -> bySid.put(s.sid(), s));

        Statement run = bySid.get("RunOnlyTheWorkerFamilyInTheCluster");
        assertThat(run.actions()).containsExactly("ecs:RunTask");
        assertThat(run.resources())
                .containsExactly(sub(
                        "arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:task-definition/${Name}-worker:*"));
        assertThat(map(run.condition().get("ArnEquals"))).containsEntry("ecs:cluster", getAtt("Cluster", "Arn"));

        Statement pass = bySid.get("PassOnlyTheWorkerRolesToEcs");
        assertThat(pass.resources())
                .containsExactlyInAnyOrder(getAtt("WorkerTaskRole", "Arn"), getAtt("WorkerExecutionRole", "Arn"));
        assertThat(map(pass.condition().get("StringEquals")))
                .containsEntry("iam:PassedToService", "ecs-tasks.amazonaws.com");

        Statement list = bySid.get("ListTasksInTheCluster");
        assertThat(list.actions()).containsExactly("ecs:ListTasks");
        assertThat(map(list.condition().get("ArnEquals"))).containsEntry("ecs:cluster", getAtt("Cluster", "Arn"));

        Statement describe = bySid.get("DescribeAndStopTasksInTheCluster");
        assertThat(describe.actions()).containsExactlyInAnyOrder("ecs:DescribeTasks", "ecs:StopTask");
        assertThat(map(describe.condition().get("ArnEquals"))).containsEntry("ecs:cluster", getAtt("Cluster", "Arn"));

        Statement queue = bySid.get("ObserveTheQueue");
        assertThat(queue.actions()).containsExactly("sqs:GetQueueAttributes");
        assertThat(queue.resources()).containsExactly(getAtt("Queue", "Arn"));

        Set<String> actions = new TreeSet<>();
        controller.forEach(s -> actions.addAll(s.actions()));
        assertThat(actions)
                .containsExactly(
                        "cloudwatch:GetMetricData",
                        "ecs:DescribeTasks",
                        "ecs:ListTasks",
                        "ecs:RunTask",
                        "ecs:StopTask",
                        "iam:PassRole",
                        "logs:CreateLogStream",
                        "logs:PutLogEvents",
                        "s3:GetObject",
                        "s3:ListBucket",
                        "sqs:GetQueueAttributes");

        // the live policy: the one object, and ListBucket only for its key (so a missing policy is a 404, not a 403)
        Statement policy = bySid.get("ReadTheLivePolicy");
        assertThat(policy.actions()).containsExactly("s3:GetObject");
        assertThat(policy.resources()).containsExactly(sub("${PolicyBucket.Arn}/scaling-policy.yaml"));
        Statement listing = bySid.get("TellAMissingPolicyFromADeniedOne");
        assertThat(listing.resources()).containsExactly(getAtt("PolicyBucket", "Arn"));
        assertThat(map(listing.condition().get("StringEquals"))).containsEntry("s3:prefix", "scaling-policy.yaml");
    }

    /**
     * The worker's task role grants exactly the calls the worker's source makes (each AWS call in
     * worker/ goes through {@code guard.call("Operation", …)} or {@code guard.once(…)}), on the
     * resources it makes them on, plus the metrics agent's log writes.
     */
    @Test
    void workerTaskRoleMatchesTheCallsInTheWorkersSource() throws Exception {
        Map<String, String> iamActionOf = Map.ofEntries(
                Map.entry("GetQueueAttributes", "sqs:GetQueueAttributes"),
                Map.entry("ReceiveMessage", "sqs:ReceiveMessage"),
                Map.entry("DeleteMessageBatch", "sqs:DeleteMessage"),
                Map.entry("ChangeMessageVisibilityBatch", "sqs:ChangeMessageVisibility"),
                Map.entry("SendMessage", "sqs:SendMessage"),
                Map.entry("GetObject", "s3:GetObject"),
                Map.entry("HeadObject", "s3:GetObject"),
                Map.entry("PutObject", "s3:PutObject"),
                Map.entry("DeleteObject", "s3:DeleteObject"),
                Map.entry("HeadBucket", "s3:ListBucket"),
                Map.entry("ListObjectsV2", "s3:ListBucket"));
        // Called only when EBB_DLQ_URL is unset and the queue's URL is not spelt as SQS spells it (to find the
        // DLQ from the redrive policy); the task sets it.
        Set<String> notNeeded = Set.of("GetQueueUrl");

        Set<String> operations = new TreeSet<>();
        Pattern call = Pattern.compile("guard\\.(?:call|once)\\(\\s*\"(\\w+)\"");
        try (var files = java.nio.file.Files.walk(Repo.path("worker/src/main/java"))) {
            for (var f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = call.matcher(java.nio.file.Files.readString(f));
                while (m.find()) {
                    operations.add(m.group(1));
                }
            }
        }
        assertThat(operations).as("AWS operations the worker calls").isNotEmpty();
        // plus the CloudWatch agent's log writes and the Prometheus collector's remote write
        Set<String> expected = new TreeSet<>(
                List.of("logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams", "aps:RemoteWrite"));
        for (String op : operations) {
            if (notNeeded.contains(op)) {
                continue;
            }
            assertThat(iamActionOf)
                    .as("the worker calls " + op + ": map it to its IAM action here and grant it in ebb.yaml")
                    .containsKey(op);
            expected.add(iamActionOf.get(op));
        }

        var worker = Statement.all(CfnTemplate.load("infra/cloudformation/ebb.yaml")).stream()
                .filter(s -> s.owner().startsWith("WorkerTaskRole/"))
                .toList();
        Set<String> granted = new TreeSet<>();
        worker.forEach(s -> granted.addAll(s.actions()));
        assertThat(granted).isEqualTo(expected);

        Map<String, Object> resourceOf = new java.util.HashMap<>();
        Map<String, List<Object>> resourcesOf = new java.util.HashMap<>();
        worker.forEach(s -> s.actions()
                .forEach(a -> resourceOf.put(
                        a, s.resources().size() == 1 ? s.resources().get(0) : s.resources())));
        worker.forEach(s -> s.actions()
                .forEach(a -> resourcesOf
                        .computeIfAbsent(a, k -> new java.util.ArrayList<>())
                        .addAll(s.resources())));
        assertThat(resourceOf.get("sqs:ReceiveMessage")).isEqualTo(getAtt("Queue", "Arn"));
        assertThat(resourceOf.get("sqs:DeleteMessage")).isEqualTo(getAtt("Queue", "Arn"));
        assertThat(resourceOf.get("sqs:ChangeMessageVisibility")).isEqualTo(getAtt("Queue", "Arn"));
        assertThat(resourceOf.get("sqs:SendMessage")).isEqualTo(getAtt("DeadLetterQueue", "Arn"));
        // the sources, and of the destination only the attempt markers (docs/worker.md: a message that kills its
        // worker)
        assertThat(resourcesOf.get("s3:GetObject"))
                .containsExactlyInAnyOrder(
                        sub("${SourceBucket.Arn}/${SourcePrefix}*"),
                        sub("${DestinationBucket.Arn}/${DestinationPrefix}.ebb/attempts/*"));
        assertThat(resourceOf.get("s3:PutObject")).isEqualTo(sub("${DestinationBucket.Arn}/${DestinationPrefix}*"));
        // only the worker's own objects, the write check at start and the attempt markers: it may delete nothing else
        assertThat(resourcesOf.get("s3:DeleteObject"))
                .containsExactlyInAnyOrder(
                        sub("${DestinationBucket.Arn}/${DestinationPrefix}.ebb/write-check"),
                        sub("${DestinationBucket.Arn}/${DestinationPrefix}.ebb/attempts/*"));
        // HeadBucket on both; on the source also ListObjectsV2, so that AWS answers a deleted image with 404, not 403
        assertThat(resourcesOf.get("s3:ListBucket"))
                .containsExactlyInAnyOrder(getAtt("DestinationBucket", "Arn"), getAtt("SourceBucket", "Arn"));
    }

    static List<Statement> deployRole() {
        return Statement.all(CfnTemplate.load("infra/cloudformation/cicd.yaml")).stream()
                .filter(s -> s.owner().startsWith("DeployRole/"))
                .toList();
    }

    /**
     * The deploy role's KMS actions reach the stacks' own keys only: the cicd stack's key by its
     * ARN, and the ebb stack's key (whose ARN does not exist before CloudFormation creates it) by
     * the ebb:stack tag that ebb.yaml puts on it; no statement leaves {@code key/*} unconditioned.
     */
    @Test
    void deployRolesKmsActionsNameTheStacksKeys() {
        Map<String, Object> byStack = Map.of("StringEquals", Map.of("aws:ResourceTag/ebb:stack", ref("EbbStackName")));
        Map<String, Object> onCreate = Map.of("StringEquals", Map.of("aws:RequestTag/ebb:stack", ref("EbbStackName")));
        int kmsStatements = 0;
        for (Statement s : deployRole()) {
            if (s.actions().stream().noneMatch(a -> a.startsWith("kms:"))) {
                continue;
            }
            kmsStatements++;
            assertThat(s.actions()).as(s.where()).allMatch(a -> a.startsWith("kms:"));
            if (s.resources().equals(List.of(getAtt("Key", "Arn")))) {
                continue; // the cicd stack's own key
            }
            if (s.anyResource()) {
                assertThat(s.actions()).as(s.where()).isSubsetOf("kms:CreateKey", "kms:TagResource");
                assertThat(s.condition()).as(s.where()).isEqualTo(onCreate);
            } else {
                assertThat(s.condition())
                        .as(s.where() + " must name the ebb stack's keys")
                        .isEqualTo(byStack);
            }
        }
        assertThat(kmsStatements).isGreaterThanOrEqualTo(3);
        // and the key the ebb stack creates carries that tag
        assertThat(list(CfnTemplate.load("infra/cloudformation/ebb.yaml")
                        .properties("Key")
                        .get("Tags")))
                .containsExactly(Map.of("Key", "ebb:stack", "Value", ref("AWS::StackName")));
    }

    /**
     * Whoever can push to the branch controls what the deploy role writes into the ebb stack's
     * roles; a permissions boundary caps what those roles can ever do. The deploy role may create
     * and change roles only when they carry the boundary, may never remove it, and every role in
     * ebb.yaml sets it from the parameter the pipeline fills with the boundary's ARN.
     */
    @Test
    void rolesTheDeployRoleCreatesCarryThePermissionsBoundary() throws Exception {
        Set<String> changesARole = Set.of(
                "iam:CreateRole",
                "iam:PutRolePolicy",
                "iam:DeleteRolePolicy",
                "iam:UpdateAssumeRolePolicy",
                "iam:UpdateRole",
                "iam:UpdateRoleDescription",
                "iam:PutRolePermissionsBoundary",
                "iam:AttachRolePolicy",
                "iam:DetachRolePolicy",
                "iam:TagRole",
                "iam:UntagRole");
        Set<String> covered = new TreeSet<>();
        for (Statement s : deployRole()) {
            assertThat(s.actions()).as(s.where()).doesNotContain("iam:DeleteRolePermissionsBoundary", "iam:*");
            if (s.actions().stream().anyMatch(changesARole::contains)) {
                assertThat(map(s.condition().get("StringEquals")))
                        .as(s.where())
                        .containsEntry("iam:PermissionsBoundary", ref("RolesBoundary"));
                covered.addAll(s.actions());
            }
        }
        assertThat(covered).contains("iam:CreateRole", "iam:PutRolePolicy");
        CfnTemplate cicd = CfnTemplate.load("infra/cloudformation/cicd.yaml");
        assertThat(cicd.resource("RolesBoundary").get("Type")).isEqualTo("AWS::IAM::ManagedPolicy");

        CfnTemplate ebb = CfnTemplate.load("infra/cloudformation/ebb.yaml");
        assertThat(ebb.ofType("AWS::IAM::Role")).hasSize(3);
        for (String role : ebb.ofType("AWS::IAM::Role")) {
            assertThat(ebb.properties(role).get("PermissionsBoundary"))
                    .as(role)
                    .isEqualTo(Map.of(
                            "Fn::If",
                            List.of("HasPermissionsBoundary", ref("RolePermissionsBoundary"), ref("AWS::NoValue"))));
        }
        // the pipeline hands the boundary to the ebb stack
        String overrides = String.valueOf(cicd.properties("Pipeline"));
        assertThat(overrides).contains("\"RolePermissionsBoundary\":\"${RolesBoundary}\"");

        // what the boundary allows covers every action the ebb stack's roles are granted
        Set<String> bounded = new TreeSet<>();
        Statement.all(cicd).stream()
                .filter(s -> s.owner().equals("RolesBoundary"))
                .forEach(s -> bounded.addAll(s.actions()));
        Set<String> granted = new TreeSet<>();
        Statement.all(ebb).stream().filter(s -> s.kind().equals("identity")).forEach(s -> granted.addAll(s.actions()));
        assertThat(bounded)
                .as("RolesBoundary allows what the ebb stack's roles use")
                .containsAll(granted);
    }

    @ParameterizedTest
    @MethodSource("templates")
    void trustPoliciesNameOneServiceAndThisAccount(String file) {
        CfnTemplate t = CfnTemplate.load(file);
        for (String id : t.ofType("AWS::IAM::Role")) {
            for (Object s : CfnTemplate.list(
                    map(t.properties(id).get("AssumeRolePolicyDocument")).get("Statement"))) {
                Map<String, Object> st = map(s);
                assertThat(map(st.get("Principal")).keySet())
                        .as(file + " " + id)
                        .containsExactly("Service");
                assertThat(map(map(st.get("Condition")).get("StringEquals")))
                        .as(file + " " + id + " (confused deputy)")
                        .containsKey("aws:SourceAccount");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("templates")
    void everyCheckovSkipSaysWhy(String file) {
        CfnTemplate t = CfnTemplate.load(file);
        t.resources().forEach((id, r) -> {
            for (Object skip : CfnTemplate.list(
                    map(map(map(r).get("Metadata")).get("checkov")).get("skip"))) {
                assertThat(String.valueOf(map(skip).get("comment")))
                        .as(file + " " + id + " skips " + map(skip).get("id"))
                        .hasSizeGreaterThan(40);
            }
        });
    }
}
