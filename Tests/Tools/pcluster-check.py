#!/usr/bin/env python3
"""Judges a ParallelCluster 3 cluster config with the aws-parallelcluster package, offline.

    pcluster-check.py CONFIG.yaml [--facts EC2-FACTS.json] [--cluster-name NAME] [--secrets-endpoint URL]

Stage 1 loads the file with ParallelCluster's own marshmallow schema (ClusterSchema); stage 2
runs every validator the loaded config registers (config.validate). No request reaches AWS:
botocore's BaseClient._make_api_call is replaced by a table. EC2 DescribeInstanceTypes and
DescribeInstanceTypeOfferings are answered from the committed facts (recorded AWS answers, see
make-ec2-facts.py); DescribeSubnets, DescribeVpcs, DescribeVpcAttribute and
DescribeSecurityGroups are answered for the fake ids the config names, as one VPC in one zone, and
FSx DescribeFileSystems for the existing FSx for Lustre ids it names (ParallelCluster reads them
while it registers its validators), as a file system in the head node's subnet; its network
interface is not described, so the validator of the file system's security groups is skipped.
Every other call is refused, and each validator run that made a refused call is reported as
skipped with the calls it needed, never as passed; its own findings are listed with it but do
not count. The official AMI cannot be looked up either: a placeholder id stands in, and each
validator run given a value from it is skipped without running.

With --secrets-endpoint (a moto server holding the deployment's secrets, after the moto apply
test), Secrets Manager calls are answered there instead: PasswordSecretArnValidator runs against
the real secret, and the Slurm accounting secret is read as ParallelCluster's head node reads it
(update_slurm_database_password.sh: the whole SecretString becomes slurmdbd's StoragePass). The
report says whether that value works as one (not JSON, no blank or '#'), never the value.

Prints one JSON report on stdout. Exit 0: accepted (no schema error, no ERROR from a validator
that got all its answers); 1: rejected; 3: aws-parallelcluster is not importable.
"""
import argparse
import asyncio
import contextvars
import json
import os
import sys
import time

OFFLINE_CODE = "HpccOfflineNoAnswer"
current_validator = contextvars.ContextVar("current_validator", default=None)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("config")
    parser.add_argument("--facts", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                        "..", "Fixtures", "pcluster-control", "ec2-facts.json"))
    parser.add_argument("--cluster-name", default="hpcc-check")
    parser.add_argument("--secrets-endpoint")
    arguments = parser.parse_args()
    started = time.monotonic()
    try:
        import yaml
        import botocore.client
        from botocore.exceptions import ClientError
        import pcluster
        from pcluster.utils import get_installed_version
    except ImportError as error:
        print(json.dumps({"tool_missing": f"aws-parallelcluster is not importable with {sys.executable}: {error}"}))
        return 3

    with open(arguments.config) as handle:
        document = yaml.safe_load(handle)
    with open(arguments.facts) as handle:
        facts = json.load(handle)
    region = document.get("Region") or "eu-west-1" if isinstance(document, dict) else "eu-west-1"
    os.environ["AWS_DEFAULT_REGION"] = region
    # Nothing is sent anywhere; these only keep botocore from looking for real credentials.
    os.environ["AWS_ACCESS_KEY_ID"] = "offline"
    os.environ["AWS_SECRET_ACCESS_KEY"] = "offline"
    os.environ.pop("AWS_PROFILE", None)
    # Without ParallelCluster's call cache every validator's AWS calls reach the table, so each
    # refused call is attributed to the validator that made it.
    os.environ["PCLUSTER_CACHE_DISABLED"] = "1"

    table = OfflineEC2(facts, region, document if isinstance(document, dict) else {})
    refused = []
    make_api_call = botocore.client.BaseClient._make_api_call
    secrets = None
    if arguments.secrets_endpoint:
        import boto3
        secrets = boto3.client("secretsmanager", endpoint_url=arguments.secrets_endpoint, region_name=region,
                               aws_access_key_id="testing", aws_secret_access_key="testing")

    def answer(client, operation, parameters):
        service = client.meta.service_model.service_name
        if service == "secretsmanager" and secrets is not None:
            return make_api_call(secrets, operation, parameters)
        reply = table.answer(service, operation, parameters)
        if reply is not None:
            return reply
        refused.append((current_validator.get(), f"{service}:{operation}"))
        if os.environ.get("HPCC_PCLUSTER_CHECK_DEBUG"):
            print(f"refused {service}:{operation} {parameters}", file=sys.stderr)
        raise ClientError({"Error": {"Code": OFFLINE_CODE,
                                     "Message": f"no offline answer for {service}:{operation}"}}, operation)

    botocore.client.BaseClient._make_api_call = answer

    report = {"tool": f"aws-parallelcluster {get_installed_version()}", "config": arguments.config,
              "zone_assumed": table.zone, "schema_errors": [], "findings": [], "skipped": [], "validators_run": 0}
    from marshmallow import ValidationError
    from pcluster.schemas.cluster_schema import ClusterSchema
    try:
        config = ClusterSchema(cluster_name=arguments.cluster_name).load(document)
    except ValidationError as error:
        report["schema_errors"] = flatten(error.messages)
        report["seconds"] = round(time.monotonic() - started, 2)
        print(json.dumps(report, indent=1))
        return 1

    # The official ParallelCluster AMI is looked up with ec2:DescribeImages, which has no offline
    # answer: a placeholder id stands in, and the validators that inspect the image are skipped.
    config.official_ami = OFFICIAL_AMI_PLACEHOLDER
    report["skipped_steps"] = [f"official {config.image.os} AMI lookup (ec2:DescribeImages): "
                               f"{OFFICIAL_AMI_PLACEHOLDER} stands in"] if not config.image.custom_ami else []
    ran = track_validators()
    from pcluster.validators.common import ValidatorContext
    results = config.validate(suppressors=[], context=ValidatorContext())
    report["validators_run"] = len(ran)
    # Skipping is per validator instance: one validator class runs once per queue, storage or
    # bucket, and only the runs that were refused an answer are skipped.
    needs = {}
    for instance, call in refused:
        needs.setdefault(instance or "unattributed", set()).add(call)
    for instance in placeholder_fed:
        needs.setdefault(instance, set()).add("the official AMI's description (ec2:DescribeImages)")
    for result in results:
        if OFFLINE_CODE in result.message or "no offline answer" in result.message:
            needs.setdefault(getattr(result, "hpcc_instance", "unattributed"), set())
    said = {}
    for result in results:
        entry = {"level": str(result.level), "validator": result.validator_type, "message": result.message}
        instance = getattr(result, "hpcc_instance", None)
        if instance in needs:
            said.setdefault(instance, []).append(entry)
        else:
            report["findings"].append(entry)
    report["skipped"] = [{"validator": instance.split("#")[0], "needs": sorted(calls), "said": said.get(instance, [])}
                         for instance, calls in sorted(needs.items(), key=lambda item: (item[0].split("#")[0], item[0]))]
    report["findings"].sort(key=lambda f: (-LEVELS.index(f["level"]) if f["level"] in LEVELS else 0, f["validator"], f["message"]))
    if secrets is not None:
        report["database_password"] = head_node_password(document, secrets)
    report["seconds"] = round(time.monotonic() - started, 2)
    print(json.dumps(report, indent=1))
    return 1 if any(f["level"] == "ERROR" for f in report["findings"]) else 0


def head_node_password(document, secrets):
    """The accounting secret as the head node reads it: `aws secretsmanager get-secret-value
    --query SecretString`, written unparsed as `StoragePass=<value>` into slurmdbd.conf by the
    cookbook's update_slurm_database_password.sh. Facts about the value only."""
    arn = (((document.get("Scheduling") or {}).get("SlurmSettings") or {}).get("Database") or {}).get("PasswordSecretArn")
    if not arn:
        return None
    from botocore.exceptions import ClientError
    try:
        value = secrets.get_secret_value(SecretId=arn)["SecretString"]
    except ClientError as error:
        return {"secret": arn, "error": error.response.get("Error", {}).get("Code", str(error))}
    try:
        json.loads(value)
        is_json = True
    except ValueError:
        is_json = False
    usable = bool(value) and not is_json and not any(c.isspace() or c in "#\"'" for c in value)
    return {"secret": arn, "length": len(value), "is_json": is_json, "usable_as_storage_pass": usable}


LEVELS = ["INFO", "WARNING", "ERROR"]
OFFICIAL_AMI_PLACEHOLDER = "ami-00000000000000000"
PLACEHOLDER_DEVICE = "/dev/placeholder-root"


def track_validators():
    """Wraps ParallelCluster's validator dispatch: every run of a validator gets an id
    ("Class#n"), its AWS calls are attributed to that id (through a context variable, which
    also follows the async validators' tasks), and its results carry it as `hpcc_instance`.
    A run given a value from the placeholder image is not executed but recorded as skipped.

    Returns the list the ids of all validator runs are appended to."""
    from pcluster.config.common import Resource
    ran = []
    original = Resource._validator_execute

    def tag(results, instance):
        for result in results or []:
            result.hpcc_instance = instance
        return results

    def execute(validator_class, validator_args, suppressors, validation_executor):
        instance = f"{validator_class.__name__}#{len(ran)}"
        ran.append(instance)
        if any(from_placeholder_image(value) for value in validator_args.values()):
            placeholder_fed.add(instance)
            return None
        if validation_executor is Resource._validator_execute_async:
            def run_async(args, validator):
                async def attributed():
                    current_validator.set(instance)
                    return tag(await validator.execute_async(**args), instance)
                return attributed()
            return original(validator_class, validator_args, suppressors, run_async)
        token = current_validator.set(instance)
        try:
            return tag(original(validator_class, validator_args, suppressors, validation_executor), instance)
        finally:
            current_validator.reset(token)

    Resource._validator_execute = staticmethod(execute)
    return ran


placeholder_fed = set()


class PlaceholderSize(int):
    """The root volume size of the placeholder image: an int validators can compare, marked so
    that a validator given it is skipped rather than judged on it."""


def from_placeholder_image(value):
    if isinstance(value, PlaceholderSize):
        return True
    if isinstance(value, str):
        return value in (OFFICIAL_AMI_PLACEHOLDER, PLACEHOLDER_DEVICE)
    if isinstance(value, (list, tuple)):
        return any(from_placeholder_image(item) for item in value)
    return False


def flatten(messages, path=""):
    """marshmallow's nested error dict as a list of 'Path/To/Key: message' lines."""
    if isinstance(messages, dict):
        lines = []
        for key, value in messages.items():
            lines += flatten(value, f"{path}/{key}" if path else str(key))
        return lines
    if isinstance(messages, list):
        lines = []
        for value in messages:
            lines += flatten(value, path)
        return lines
    return [f"{path}: {messages}" if path else str(messages)]


class OfflineEC2:
    """The EC2 answers the check can give without AWS: recorded instance type facts, and one fake
    VPC in one zone holding every subnet and security group the config names."""

    VPC = "vpc-0a1b2c3d4e5f60718"

    def __init__(self, facts, region, document):
        self.types = facts["instance_types"]
        self.offerings = facts["offerings_by_zone"].get(region, {})
        used = set(instance_types(document))
        self.used = used
        zones = sorted(self.offerings)
        fitting = [zone for zone in zones if used <= set(self.offerings[zone])]
        self.zone = (fitting or zones or [f"{region}a"])[0]
        self.region = region
        head = (document.get("HeadNode") or {}).get("InstanceType")
        architectures = self.types.get(head, {}).get("ProcessorInfo", {}).get("SupportedArchitectures") or ["x86_64"]
        self.architecture = architectures[0]
        self.document = document

    def answer(self, service, operation, parameters):
        if service == "fsx" and operation == "DescribeFileSystems":
            return self.describe_file_systems(parameters)
        if service != "ec2":
            return None
        handler = getattr(self, operation, None)
        return handler(parameters) if handler else None

    def describe_file_systems(self, parameters):
        """The existing FSx for Lustre file systems the config mounts by id, and only those."""
        named = {(entry.get("FsxLustreSettings") or {}).get("FileSystemId")
                 for entry in self.document.get("SharedStorage") or [] if entry.get("StorageType") == "FsxLustre"}
        ids = parameters.get("FileSystemIds") or []
        if not ids or not set(ids) <= named:
            return None
        subnet = ((self.document.get("HeadNode") or {}).get("Networking") or {}).get("SubnetId")
        return {"FileSystems": [{"FileSystemId": fs, "FileSystemType": "LUSTRE", "Lifecycle": "AVAILABLE",
                                 "FileSystemTypeVersion": "2.15", "VpcId": self.VPC, "SubnetIds": [subnet],
                                 "NetworkInterfaceIds": ["eni-0hpcc000000000001"], "DNSName": f"{fs}.fsx.{self.region}.amazonaws.com",
                                 "LustreConfiguration": {"MountName": "abcdefgh", "DeploymentType": "PERSISTENT_2"}}
                                for fs in ids]}

    def DescribeInstanceTypes(self, parameters):
        names = parameters.get("InstanceTypes") or []
        unknown = [name for name in names if name not in self.types]
        if unknown:
            # Not in the table: refuse rather than claim the type does not exist.
            return None
        return {"InstanceTypes": [self.types[name] for name in names]}

    def DescribeInstanceTypeOfferings(self, parameters):
        if parameters.get("LocationType", "region") == "region" and not parameters.get("Filters"):
            # "Every type offered in the region": the table knows only its own types, so it answers
            # only when the config uses nothing else (then the answer is exact for every question
            # the validators ask of it).
            if not self.used <= set(self.types):
                return None
            offered = sorted({name for names in self.offerings.values() for name in names})
            return {"InstanceTypeOfferings": [{"InstanceType": name, "LocationType": "region", "Location": self.region}
                                              for name in offered]}
        if parameters.get("LocationType") != "availability-zone":
            return None
        wanted = None
        zones = None
        for flt in parameters.get("Filters") or []:
            if flt["Name"] == "instance-type":
                wanted = set(flt["Values"])
            elif flt["Name"] == "location":
                zones = set(flt["Values"])
        if wanted is not None and not wanted <= set(self.types):
            return None
        rows = [{"InstanceType": name, "LocationType": "availability-zone", "Location": zone}
                for zone, names in sorted(self.offerings.items()) if zones is None or zone in zones
                for name in names if wanted is None or name in wanted]
        return {"InstanceTypeOfferings": rows}

    def DescribeImages(self, parameters):
        """Only the placeholder that stands in for the official AMI is described, with marked
        values: every validator given one of them is skipped (see track_validators)."""
        if parameters.get("ImageIds") != [OFFICIAL_AMI_PLACEHOLDER]:
            return None
        return {"Images": [{"ImageId": OFFICIAL_AMI_PLACEHOLDER, "Architecture": self.architecture,
                            "RootDeviceName": PLACEHOLDER_DEVICE, "State": "available",
                            "BlockDeviceMappings": [{"DeviceName": PLACEHOLDER_DEVICE,
                                                     "Ebs": {"VolumeSize": PlaceholderSize(0)}}]}]}

    def DescribeSubnets(self, parameters):
        ids = parameters.get("SubnetIds") or []
        return {"Subnets": [{"SubnetId": subnet, "VpcId": self.VPC, "AvailabilityZone": self.zone,
                             "AvailabilityZoneId": self.zone, "CidrBlock": f"10.0.{index}.0/24",
                             "MapPublicIpOnLaunch": False, "State": "available"}
                            for index, subnet in enumerate(ids)]}

    def DescribeVpcs(self, parameters):
        return {"Vpcs": [{"VpcId": vpc, "CidrBlock": "10.0.0.0/16", "State": "available"}
                         for vpc in parameters.get("VpcIds") or [self.VPC]]}

    def DescribeVpcAttribute(self, parameters):
        attribute = parameters["Attribute"]
        key = {"enableDnsSupport": "EnableDnsSupport", "enableDnsHostnames": "EnableDnsHostnames"}.get(attribute)
        return {"VpcId": parameters["VpcId"], key: {"Value": True}} if key else None

    def DescribeSecurityGroups(self, parameters):
        ids = parameters.get("GroupIds") or []
        if not ids:
            return None
        everything = [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "10.0.0.0/16"}]}]
        return {"SecurityGroups": [{"GroupId": group, "GroupName": group, "VpcId": self.VPC,
                                    "IpPermissions": everything, "IpPermissionsEgress": everything}
                                   for group in ids]}


def instance_types(document):
    """Every instance type a cluster config names."""
    found = []
    head = (document.get("HeadNode") or {}).get("InstanceType")
    if head:
        found.append(head)
    for queue in ((document.get("Scheduling") or {}).get("SlurmQueues") or []):
        for resource in queue.get("ComputeResources") or []:
            if resource.get("InstanceType"):
                found.append(resource["InstanceType"])
            found += [item.get("InstanceType") for item in resource.get("Instances") or [] if item.get("InstanceType")]
    return found


if __name__ == "__main__":
    sys.exit(main())
