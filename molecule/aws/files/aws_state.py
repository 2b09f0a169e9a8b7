"""Print, as JSON, what AWS (here moto) holds for one mlflow deployment: read with boto3 only.

Usage: aws_state.py ENDPOINT_URL [ENVIRONMENT [DNS_NAME]]   (default prod, mlflow.example.test)
"tagged" lists every resource carrying Project=mlflow, Environment=ENVIRONMENT and
ManagedBy=mlflowops.tracking.aws_provision, by kind (empty kinds left out), so one call checks both
provisioning and teardown.
"""
import json
import sys

import boto3
from botocore.exceptions import ClientError

endpoint = sys.argv[1]
environment = sys.argv[2] if len(sys.argv) > 2 else "prod"
dns_name = sys.argv[3] if len(sys.argv) > 3 else "mlflow.example.test"
session = boto3.session.Session(region_name="us-east-1")
ec2, rds, elb, r53, sm, s3 = (session.client(name, endpoint_url=endpoint)
                              for name in ("ec2", "rds", "elbv2", "route53", "secretsmanager", "s3"))
OWNER = {"Project": "mlflow", "Environment": environment, "ManagedBy": "mlflowops.tracking.aws_provision"}
FILTERS = [{"Name": "tag:" + key, "Values": [value]} for key, value in OWNER.items()]


def tags_of(items):
    return {t["Key"]: t["Value"] for t in items or []}


def owned(tags):
    return all(tags.get(k) == v for k, v in OWNER.items())


def rules(permissions, names):
    out = []
    for perm in permissions:
        for source in ([r["CidrIp"] for r in perm.get("IpRanges", [])]
                       + [names.get(p["GroupId"], p["GroupId"]) for p in perm.get("UserIdGroupPairs", [])]):
            out.append("%s/%s-%s from %s" % (perm["IpProtocol"], perm.get("FromPort"), perm.get("ToPort"), source))
    return sorted(out)


groups = ec2.describe_security_groups(Filters=FILTERS)["SecurityGroups"]
names = {g["GroupId"]: g["GroupName"] for g in ec2.describe_security_groups()["SecurityGroups"]}
reservations = ec2.describe_instances(Filters=FILTERS + [
    {"Name": "instance-state-name", "Values": ["pending", "running", "stopping", "stopped"]}])["Reservations"]
instances = {}
for inst in (i for r in reservations for i in r["Instances"]):
    tags = tags_of(inst.get("Tags"))
    volumes = ec2.describe_volumes(VolumeIds=[m["Ebs"]["VolumeId"] for m in inst.get("BlockDeviceMappings", [])])
    instances[tags["Name"]] = {
        "image": inst["ImageId"], "type": inst["InstanceType"], "key": inst.get("KeyName"),
        "groups": sorted(g["GroupName"] for g in inst["SecurityGroups"]),
        "profile": inst.get("IamInstanceProfile", {}).get("Arn", "").split("/")[-1],
        "imds_tokens": inst.get("MetadataOptions", {}).get("HttpTokens"),
        "volumes": [{"encrypted": v["Encrypted"], "type": v["VolumeType"], "size": v["Size"]}
                    for v in volumes["Volumes"]],
        "public_ip": inst.get("PublicIpAddress"), "private_ip": inst.get("PrivateIpAddress"),
        "mlflowops_groups": tags.get("MlflowopsGroups"), "id": inst["InstanceId"],
    }
addresses = ec2.describe_addresses(Filters=FILTERS)["Addresses"]
keys = ec2.describe_key_pairs(Filters=FILTERS)["KeyPairs"]

dbs = [d for d in rds.describe_db_instances()["DBInstances"] if owned(tags_of(d.get("TagList")))]
snapshots = [s["DBSnapshotIdentifier"] for s in rds.describe_db_snapshots()["DBSnapshots"]
             if s["DBSnapshotIdentifier"].startswith("mlflow-%s-final-" % environment)]
try:
    secret = json.loads(sm.get_secret_value(SecretId="mlflow-%s/rds" % environment)["SecretString"])
except ClientError:
    secret = None

balancers = []
for lb in elb.describe_load_balancers()["LoadBalancers"]:
    if owned(tags_of(elb.describe_tags(ResourceArns=[lb["LoadBalancerArn"]])["TagDescriptions"][0]["Tags"])):
        listeners = elb.describe_listeners(LoadBalancerArn=lb["LoadBalancerArn"])["Listeners"]
        balancers.append({
            "name": lb["LoadBalancerName"], "dns": lb["DNSName"], "scheme": lb["Scheme"],
            "groups": sorted(names.get(g, g) for g in lb.get("SecurityGroups", [])),
            "listeners": sorted(("%s:%s %s" % (l["Protocol"], l["Port"], l["DefaultActions"][0]["Type"]))
                                for l in listeners),
            "certificates": [c["CertificateArn"] for l in listeners for c in l.get("Certificates", [])],
        })
target_groups = []
for tg in elb.describe_target_groups()["TargetGroups"]:
    if owned(tags_of(elb.describe_tags(ResourceArns=[tg["TargetGroupArn"]])["TagDescriptions"][0]["Tags"])):
        health = elb.describe_target_health(TargetGroupArn=tg["TargetGroupArn"])["TargetHealthDescriptions"]
        target_groups.append({"name": tg["TargetGroupName"], "port": tg["Port"], "path": tg.get("HealthCheckPath"),
                              "targets": sorted(h["Target"]["Id"] for h in health)})

zone = [z for z in r53.list_hosted_zones()["HostedZones"] if z["Name"] == "example.test."][0]["Id"]
records = [r for r in r53.list_resource_record_sets(HostedZoneId=zone)["ResourceRecordSets"]
           if r["Name"] == dns_name + "."]
foreign = ec2.describe_instances(Filters=[{"Name": "tag:Name", "Values": ["foreign"]}])["Reservations"]
try:
    s3.head_bucket(Bucket="mlflowops-aws-scenario")
    bucket_exists = True
except ClientError:
    bucket_exists = False

tagged = {
    "security_groups": sorted(g["GroupName"] for g in groups), "instances": sorted(instances),
    "addresses": sorted(a["PublicIp"] for a in addresses), "key_pairs": sorted(k["KeyName"] for k in keys),
    "rds": [d["DBInstanceIdentifier"] for d in dbs], "load_balancers": [b["name"] for b in balancers],
    "target_groups": [t["name"] for t in target_groups],
}
print(json.dumps({
    "tagged": {kind: items for kind, items in tagged.items() if items},
    "security_group_rules": {g["GroupName"]: rules(g["IpPermissions"], names) for g in groups},
    "instances": instances,
    "addresses": [{"ip": a["PublicIp"], "instance": a.get("InstanceId")} for a in addresses],
    "rds": [{"id": d["DBInstanceIdentifier"], "encrypted": d["StorageEncrypted"], "public": d["PubliclyAccessible"],
             "subnet_group": d.get("DBSubnetGroup", {}).get("DBSubnetGroupName"), "engine": d["Engine"],
             "groups": sorted(names.get(g["VpcSecurityGroupId"], g["VpcSecurityGroupId"])
                              for g in d["VpcSecurityGroups"]),
             "endpoint": d.get("Endpoint", {}).get("Address")} for d in dbs],
    "rds_snapshots": snapshots,
    "rds_secret": None if secret is None else {k: v for k, v in secret.items() if k != "password"},
    "rds_secret_has_password": bool(secret and len(secret.get("password", "")) >= 16),
    "load_balancers": balancers, "target_groups": target_groups,
    "dns": [{"type": r["Type"], "alias": r.get("AliasTarget", {}).get("DNSName"),
             "values": [v["Value"] for v in r.get("ResourceRecords", [])]} for r in records],
    "foreign": {"instance_state": foreign[0]["Instances"][0]["State"]["Name"] if foreign else None,
                "security_group": "foreign" in names.values()},
    "bucket_exists": bucket_exists,
}, default=str))
