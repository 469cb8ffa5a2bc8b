"""The original controller Lambda's logic, reconstructed from issue 4 for a cold-start baseline.

What issue 4 says it did: every 2 minutes, read ApproximateNumberOfMessages, list the first page
of tasks, start ceil(visible / 10) tasks up to 10 with one RunTask call (count up to 100, failures
ignored). Settings came from SSM; here they come from the environment (the SSM call is left out,
which flatters this baseline slightly). Prints one line when the decision is made, like the Java
controller, so both are timed from process start to that line.

Run by controller/src/test/java/dev/ebb/controller/bench/ColdStartIT.java with the moto venv's
python (boto3 comes with moto) against ElasticMQ and moto.
"""
import json
import math
import os

import boto3

sqs = boto3.client("sqs", endpoint_url=os.environ.get("AWS_ENDPOINT_URL_SQS"))
ecs = boto3.client("ecs", endpoint_url=os.environ.get("AWS_ENDPOINT_URL_ECS"))

visible = int(sqs.get_queue_attributes(
    QueueUrl=os.environ["EBB_QUEUE_URL"], AttributeNames=["ApproximateNumberOfMessages"]
)["Attributes"]["ApproximateNumberOfMessages"])
running = len(ecs.list_tasks(cluster=os.environ["EBB_CLUSTER"], startedBy="blueprint")["taskArns"])
wanted = min(math.ceil(visible / 10), 10) - running
launched = []
if wanted > 0:
    launched = ecs.run_task(
        cluster=os.environ["EBB_CLUSTER"],
        taskDefinition=os.environ["EBB_TASK_DEFINITION"],
        count=wanted,
        startedBy="blueprint",
        launchType="FARGATE",
        networkConfiguration={"awsvpcConfiguration": {
            "subnets": os.environ["EBB_SUBNETS"].split(","),
            "securityGroups": os.environ["EBB_SECURITY_GROUPS"].split(","),
        }},
    )["tasks"]
print(json.dumps({"visible": visible, "running": running, "launched": len(launched)}), flush=True)
