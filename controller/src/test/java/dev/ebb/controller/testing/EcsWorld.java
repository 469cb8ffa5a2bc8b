package dev.ebb.controller.testing;

import dev.ebb.controller.aws.FleetSettings;
import dev.ebb.emulators.MotoServer;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.NetworkMode;

/** A cluster, an awsvpc task definition, a subnet and a security group in a freshly reset moto. */
public record EcsWorld(String cluster, String taskDefinitionArn, String subnet, String securityGroup) {

    public static EcsWorld create(MotoServer moto, EcsClient ecs) throws Exception {
        moto.reset();
        String vpc = MotoServer.xmlValue(moto.ec2("Action=CreateVpc&CidrBlock=10.0.0.0%2F16"), "vpcId");
        // moto's awsvpc RunTask reads the ENI's private DNS name, which exists only with DNS hostnames on.
        moto.ec2("Action=ModifyVpcAttribute&VpcId=" + vpc + "&EnableDnsHostnames.Value=true");
        String subnet = MotoServer.xmlValue(
                moto.ec2("Action=CreateSubnet&VpcId=" + vpc + "&CidrBlock=10.0.1.0%2F24"), "subnetId");
        String group = MotoServer.xmlValue(
                moto.ec2("Action=CreateSecurityGroup&GroupName=ebb-workers&GroupDescription=workers&VpcId=" + vpc),
                "groupId");
        String cluster = ecs.createCluster(r -> r.clusterName("ebb").capacityProviders("FARGATE", "FARGATE_SPOT"))
                .cluster()
                .clusterName();
        String taskDefinition = ecs.registerTaskDefinition(r -> r.family("ebb-worker")
                        .networkMode(NetworkMode.AWSVPC)
                        .requiresCompatibilities(Compatibility.FARGATE)
                        .cpu("256")
                        .memory("512")
                        // moto sums container-level memory when placing a task and fails on a missing one.
                        .containerDefinitions(ContainerDefinition.builder()
                                .name("worker")
                                .image("ebb/worker:test")
                                .essential(true)
                                .memory(512)
                                .build()))
                .taskDefinition()
                .taskDefinitionArn();
        return new EcsWorld(cluster, taskDefinition, subnet, group);
    }

    /**
     * The controller's environment on this world: its queue on {@code sqs} (ElasticMQ), ECS and
     * CloudWatch on {@code moto} (so a work-sized policy never reaches AWS). Mutable, for a test's own keys.
     */
    public Map<String, String> controllerEnv(String queueUrl, URI sqs, URI moto) {
        Map<String, String> env = new HashMap<>();
        env.put("EBB_QUEUE_URL", queueUrl);
        env.put("EBB_CLUSTER", cluster);
        env.put("EBB_TASK_DEFINITION", taskDefinitionArn);
        env.put("EBB_SUBNETS", subnet);
        env.put("EBB_SECURITY_GROUPS", securityGroup);
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ENDPOINT_URL_SQS", sqs.toString());
        env.put("AWS_ENDPOINT_URL_ECS", moto.toString());
        env.put("AWS_ENDPOINT_URL_CLOUDWATCH", moto.toString());
        return env;
    }

    public FleetSettings fleet(String startedBy) {
        return new FleetSettings(
                cluster,
                taskDefinitionArn,
                List.of(subnet),
                List.of(securityGroup),
                false,
                startedBy,
                "worker",
                Map.of("EBB_QUEUE_URL", "http://queue.test/ebb"));
    }
}
