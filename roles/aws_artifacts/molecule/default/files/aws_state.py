"""Print, as JSON, what AWS (or moto) holds for the aws_artifacts role: read with boto3 only.

Usage: aws_state.py ENDPOINT_URL REGION BUCKET IAM_BASE_NAME
Missing resources are reported as null, so the same script checks creation and removal.
"""
import json
import sys

import boto3
from botocore.exceptions import ClientError

endpoint, region, bucket, base = sys.argv[1:5]
s3 = boto3.client("s3", endpoint_url=endpoint, region_name=region)
iam = boto3.client("iam", endpoint_url=endpoint, region_name=region)


def read(call, key=None, **kwargs):
    try:
        answer = call(**kwargs)
    except ClientError:
        return None
    return answer[key] if key else answer


def policy_document(arn):
    policy = read(iam.get_policy, "Policy", PolicyArn=arn)
    if policy is None:
        return None
    version = iam.get_policy_version(PolicyArn=arn, VersionId=policy["DefaultVersionId"])["PolicyVersion"]
    document = version["Document"]
    return json.loads(document) if isinstance(document, str) else document


account = boto3.client("sts", endpoint_url=endpoint, region_name=region).get_caller_identity()["Account"]
policy_arn = "arn:aws:iam::%s:policy/%s-artifacts" % (account, base)
server = base + "-server"
role = read(iam.get_role, "Role", RoleName=server)
profile = read(iam.get_instance_profile, "InstanceProfile", InstanceProfileName=server)
user = read(iam.get_user, "User", UserName=server)
bucket_exists = read(s3.head_bucket, Bucket=bucket) is not None
bucket_policy = read(s3.get_bucket_policy, "Policy", Bucket=bucket)
state = {
    "bucket_exists": bucket_exists,
    "public_access_block": read(s3.get_public_access_block, "PublicAccessBlockConfiguration", Bucket=bucket),
    "ownership": read(s3.get_bucket_ownership_controls, "OwnershipControls", Bucket=bucket),
    "encryption": read(s3.get_bucket_encryption, "ServerSideEncryptionConfiguration", Bucket=bucket),
    "versioning": read(s3.get_bucket_versioning, Bucket=bucket) and s3.get_bucket_versioning(Bucket=bucket).get("Status"),
    "lifecycle": read(s3.get_bucket_lifecycle_configuration, "Rules", Bucket=bucket),
    "bucket_policy": json.loads(bucket_policy) if bucket_policy else None,
    "tags": {t["Key"]: t["Value"] for t in (read(s3.get_bucket_tagging, "TagSet", Bucket=bucket) or [])},
    "access_policy": policy_document(policy_arn),
    "role_trust": role and role["AssumeRolePolicyDocument"],
    "role_policies": role and [p["PolicyArn"] for p in iam.list_attached_role_policies(RoleName=server)["AttachedPolicies"]],
    "profile_roles": profile and [r["RoleName"] for r in profile["Roles"]],
    "user_policies": user and [p["PolicyArn"] for p in iam.list_attached_user_policies(UserName=server)["AttachedPolicies"]],
    "user_keys": user and [k["Status"] for k in iam.list_access_keys(UserName=server)["AccessKeyMetadata"]],
    "policy_arn": policy_arn,
}
print(json.dumps(state, default=str))
