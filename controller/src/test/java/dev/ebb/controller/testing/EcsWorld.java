package dev.ebb.controller.testing;

import dev.ebb.controller.aws.FleetSettings;
import dev.ebb.emulators.MotoServer;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.NetworkMode;

/** A cluster, an awsvpc task definition, a subnet and a security group in a freshly reset moto. */
public record EcsWorld(String cluster, String taskDefinitionArn, String subnet, String securityGroup) {

    public static EcsWorld create(MotoServer moto, EcsClient ecs) throws Exception {
        moto.reset();
        String vpc = MotoServer.xmlValue(moto.ec2("Action=CreateVpc&CidrBlock=10.0.0.0%2F16"), "vpcId");
        // moto's awsvpc RunTask reads the ENI's private DNS name, which exists only with DNS hostnames on.
        moto.ec2("Action=ModifyVpcAttribute&VpcId=" + vpc + "&EnableDnsHostnames.Value=true");
        String subnet = MotoServer.xmlValue(moto.ec2("Action=CreateSubnet&VpcId=" + vpc + "&CidrBlock=10.0.1.0%2F24"), "subnetId");
        String group = MotoServer.xmlValue(moto.ec2("Action=CreateSecurityGroup&GroupName=ebb-workers&GroupDescription=workers&VpcId=" + vpc), "groupId");
        String cluster = ecs.createCluster(r -> r.clusterName("ebb").capacityProviders("FARGATE", "FARGATE_SPOT"))
                .cluster().clusterName();
        String taskDefinition = ecs.registerTaskDefinition(r -> r
                .family("ebb-worker")
                .networkMode(NetworkMode.AWSVPC)
                .requiresCompatibilities(Compatibility.FARGATE)
                .cpu("256").memory("512")
                .containerDefinitions(c -> c.name("worker").image("ebb/worker:test").essential(true)
                        // moto sums container-level memory when placing a task and fails on a missing one.
                        .memory(512)))
                .taskDefinition().taskDefinitionArn();
        return new EcsWorld(cluster, taskDefinition, subnet, group);
    }

    public FleetSettings fleet(String startedBy) {
        return new FleetSettings(cluster, taskDefinitionArn, List.of(subnet), List.of(securityGroup), false, startedBy,
                "worker", Map.of("EBB_QUEUE_URL", "http://queue.test/ebb"));
    }
}
