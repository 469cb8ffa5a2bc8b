"""Does the cicd stack's DeployRole hold every permission CloudFormation needs for ebb.yaml?

For each resource type in ebb.yaml, the resource schema that cfn-lint bundles lists the IAM
permissions of its create, read, update and delete handlers. Every one of them must be granted
to DeployRole (in any of its statements: this checks actions, LeastPrivilegeTest checks their
scope), unless NOT_NEEDED names it with the reason: the permissions of features ebb.yaml does not
use (a handler asks for them only when the property that needs them is set).

Run by infra/lint.sh with the lint virtualenv's python (cfn-lint importable). Prints what is
missing and exits 1, or prints a summary and exits 0.
"""
import fnmatch
import json
import os
import sys

import cfnlint.decode
from cfnlint.data import schemas

NOT_NEEDED = {
    # S3 features no bucket of ebb.yaml configures.
    "s3tables:*": "S3 Tables (metadata table configuration) are not used",
    "s3:*BucketMetadata*": "S3 Metadata tables are not used",
    "s3:PutAccelerateConfiguration": "no transfer acceleration",
    "s3:*AnalyticsConfiguration": "no storage class analysis",
    "s3:PutBucketAbac": "no attribute-based access control on buckets",
    "s3:PutBucketCORS": "no CORS",
    "s3:DeleteBucketCors": "no CORS",
    "s3:PutBucketLogging": "no access logs (checkov skip CKV_AWS_18, with its reason, in ebb.yaml)",
    "s3:*ObjectLockConfiguration": "no object lock",
    "s3:*Replication*": "no replication",
    "s3:*BucketWebsite": "no website hosting",
    "s3:PutIntelligentTieringConfiguration": "no intelligent tiering",
    "s3:PutInventoryConfiguration": "no inventory",
    "s3:*MetricsConfiguration": "no request metrics",
    "s3:PutBucketAcl": "ACLs are disabled (BucketOwnerEnforced)",
    "s3:PutObjectAcl": "ACLs are disabled (BucketOwnerEnforced)",
    "s3:DeleteObject": "used by the create handler only for metadata tables",
    "s3:DeleteBucketEncryption": "encryption is never removed",
    "s3:DeleteBucketLifecycle": "not an IAM action (PutLifecycleConfiguration covers it)",
    "iam:PassRole": "granted, with iam:PassedToService, for the two roles that are passed",
    # Lambda features the controller does not use.
    "lambda:*CodeSigningConfig": "no code signing",
    "lambda:*ProvisionedConcurrencyConfig": "no provisioned concurrency (SnapStart instead)",
    "lambda:PutFunctionScalingConfig": "no scaling config (Lambda managed instances)",
    "lambda:PassCapacityProvider": "no Lambda capacity provider",
    "lambda:PutFunctionRecursionConfig": "recursion detection left at its default",
    "lambda:*RuntimeManagementConfig": "granted read only; the runtime update mode is left at its default",
    "lambda:AssociateRuntimeAlias": "no runtime alias",
    "lambda:GetLayerVersion": "no layers",
    "lambda:GetCodeSigningConfig": "no code signing",
    "ec2:DescribeNetworkInterfaces": "the function is not in a VPC (checkov skip CKV_AWS_117)",
    "elasticfilesystem:DescribeMountTargets": "no EFS",
    "s3files:ListMountTargets": "no S3 file system mounts",
    "kms:Encrypt": "the function's environment uses the AWS managed key (no KmsKeyArn)",
    "kms:GenerateDataKey": "the function's environment and the workspace use AWS managed keys",
    "kms:CreateGrant": "no customer managed key on the function, the cluster or the workspace",
    "codedeploy:*": "the alias moves without CodeDeploy traffic shifting",
    # CloudWatch Logs features the log groups do not use.
    "logs:CreateLogDelivery": "no log delivery from the log groups or the workspace",
    "logs:*LogDelivery": "no log delivery from the workspace",
    "logs:ListLogDeliveries": "no log delivery from the workspace",
    "logs:*DataProtectionPolicy": "granted GetDataProtectionPolicy to read; no data protection policy is set",
    "logs:*IndexPolicy": "granted DescribeIndexPolicies to read; no field index policy is set",
    "logs:*ResourcePolicy": "granted DescribeResourcePolicies to read; no resource policy is set",
    "logs:PutBearerTokenAuthentication": "no bearer-token ingestion",
    "logs:PutLogGroupDeletionProtection": "deletion protection not set (DeletionPolicy Retain keeps the groups)",
    "firehose:TagDeliveryStream": "no Firehose delivery",
    "s3:REST.PUT.OBJECT": "no log export to S3",
    # Others.
    "ecs:PutAccountSetting*": "account settings are not changed by the stack",
    "iam:AttachRolePolicy": "roles have inline policies only, no managed ones",
    "iam:DetachRolePolicy": "roles have inline policies only, no managed ones",
    "iam:DeleteRolePermissionsBoundary": "deliberately withheld: the boundary may not be removed",
    "iam:GetRole": "granted on the stack's roles (SNS's handler lists it for topics delivering to roles)",
    "sns:PutDataProtectionPolicy": "no message data protection",
    "aps:*AlertManagerDefinition": "no alert manager (granted Describe to read)",
    "aps:*LoggingConfiguration": "no workspace logging (granted Describe to read)",
}
GRANTED_ELSEWHERE = {"aps:DescribeAlertManagerDefinition", "aps:DescribeLoggingConfiguration", "aps:DescribeQueryLoggingConfiguration",
                     "logs:GetDataProtectionPolicy", "logs:DescribeIndexPolicies", "logs:DescribeResourcePolicies",
                     "lambda:GetRuntimeManagementConfig", "iam:GetRole"}


def schema(providers, directory, resource_type):
    with open(os.path.join(directory, "resources", providers[resource_type] + ".json")) as f:
        return json.load(f)


def main(ebb_path, cicd_path):
    directory = os.path.dirname(schemas.__file__)
    with open(os.path.join(directory, "providers", "us-east-1.json")) as f:
        providers = json.load(f)
    ebb, problems = cfnlint.decode.decode(ebb_path)
    cicd, more = cfnlint.decode.decode(cicd_path)
    if problems or more:
        print("deploy-role: cannot read the templates: %s" % (problems or more))
        return 1
    granted = set()
    for policy in cicd["Resources"]["DeployRole"]["Properties"]["Policies"]:
        for statement in policy["PolicyDocument"]["Statement"]:
            actions = statement["Action"]
            granted |= set(actions if isinstance(actions, list) else [actions])
    types = sorted({r["Type"] for r in ebb["Resources"].values()})
    missing = []
    needed = set()
    for resource_type in types:
        handlers = schema(providers, directory, resource_type).get("handlers", {})
        for handler in ("create", "read", "update", "delete"):
            for permission in handlers.get(handler, {}).get("permissions", []):
                needed.add(permission)
                if permission in granted:
                    continue
                if any(fnmatch.fnmatchcase(permission, pattern) for pattern in NOT_NEEDED) and permission not in GRANTED_ELSEWHERE:
                    continue
                missing.append("%s (%s %s handler)" % (permission, resource_type, handler))
    unused = sorted(p for p in NOT_NEEDED if not any(fnmatch.fnmatchcase(n, p) for n in needed))
    if missing or unused:
        for m in sorted(set(missing)):
            print("deploy-role: DeployRole lacks %s" % m)
        for u in unused:
            print("deploy-role: NOT_NEEDED names %s, which no handler of ebb.yaml's resources asks for: drop it" % u)
        return 1
    print("deploy-role: %d resource types, %d handler permissions: each granted to DeployRole or not needed (with its reason)"
          % (len(types), len(needed)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
