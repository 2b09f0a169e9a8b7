"""Things an AWS account holds before provision.yml runs, made with boto3 (test scaffolding).

Usage: account_scaffolding.py ENDPOINT_URL OUTPUT_DIR
Writes OUTPUT_DIR/acm_arn (an issued certificate for mlflow.example.test). Makes a security group
and a running instance tagged Project=mlflow, Environment=prod but not ManagedBy: resources of the
same project that teardown must leave alone.
"""
import os
import sys

import boto3

endpoint, out = sys.argv[1:3]
session = boto3.session.Session(region_name="us-east-1")
acm = session.client("acm", endpoint_url=endpoint)
ec2 = session.client("ec2", endpoint_url=endpoint)

arn = acm.request_certificate(DomainName="mlflow.example.test", ValidationMethod="DNS")["CertificateArn"]
with open(os.path.join(out, "acm_arn"), "w") as handle:
    handle.write(arn)

tags = [{"Key": "Project", "Value": "mlflow"}, {"Key": "Environment", "Value": "prod"},
        {"Key": "Name", "Value": "foreign"}]
vpc = ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
group = ec2.create_security_group(GroupName="foreign", Description="not made by provision.yml", VpcId=vpc,
                                  TagSpecifications=[{"ResourceType": "security-group", "Tags": tags}])
ec2.run_instances(ImageId="ami-0deb12a0000000001", MinCount=1, MaxCount=1, InstanceType="t3.micro",
                  SecurityGroupIds=[group["GroupId"]],
                  TagSpecifications=[{"ResourceType": "instance", "Tags": tags}])
