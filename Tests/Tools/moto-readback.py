#!/usr/bin/env python3
"""Helpers of the moto end-to-end apply test (Tests/ConsumerTests/MotoApplyTests.swift).

    moto-readback.py wait ENDPOINT                 until moto answers (at most 30 s)
    moto-readback.py present ENDPOINT REGION STATE.json   each resource terraform created, read back with boto3
    moto-readback.py absent ENDPOINT REGION STATE.json    the same resources, expected gone after destroy
    moto-readback.py probe ENDPOINT REGION         whether moto still cannot emulate the excluded types

STATE.json is `terraform show -json`. Prints one JSON object; exit 0 when every resource is
as expected (or, for probe, when every excluded type is still unsupported), 1 otherwise.
The credentials are moto's fake constants; nothing here talks to AWS.
"""
import json
import sys
import time
import urllib.request

import boto3
from botocore.exceptions import ClientError


def client(service, endpoint, region):
    return boto3.client(service, endpoint_url=endpoint, region_name=region,
                        aws_access_key_id="testing", aws_secret_access_key="testing")


# How each resource type is read back: (service, call, arguments from the state's values,
# what of the answer shows it exists, given the answer and the values).
READERS = {
    "aws_vpc": ("ec2", "describe_vpcs", lambda v: {"VpcIds": [v["id"]]}, lambda r, v: r["Vpcs"]),
    "aws_subnet": ("ec2", "describe_subnets", lambda v: {"SubnetIds": [v["id"]]}, lambda r, v: r["Subnets"]),
    "aws_security_group": ("ec2", "describe_security_groups", lambda v: {"GroupIds": [v["id"]]}, lambda r, v: r["SecurityGroups"]),
    "aws_vpc_security_group_ingress_rule": ("ec2", "describe_security_group_rules",
                                            lambda v: {"SecurityGroupRuleIds": [v["id"]]}, lambda r, v: r["SecurityGroupRules"]),
    "aws_vpc_security_group_egress_rule": ("ec2", "describe_security_group_rules",
                                           lambda v: {"SecurityGroupRuleIds": [v["id"]]}, lambda r, v: r["SecurityGroupRules"]),
    "aws_route_table": ("ec2", "describe_route_tables", lambda v: {"RouteTableIds": [v["id"]]}, lambda r, v: r["RouteTables"]),
    "aws_vpc_endpoint": ("ec2", "describe_vpc_endpoints", lambda v: {"VpcEndpointIds": [v["id"]]},
                         lambda r, v: [e for e in r["VpcEndpoints"] if e.get("State", "").lower() not in ("deleted", "deleting")]),
    "aws_internet_gateway": ("ec2", "describe_internet_gateways", lambda v: {"InternetGatewayIds": [v["id"]]}, lambda r, v: r["InternetGateways"]),
    "aws_nat_gateway": ("ec2", "describe_nat_gateways", lambda v: {"NatGatewayIds": [v["id"]]},
                        lambda r, v: [g for g in r["NatGateways"] if g.get("State") not in ("deleted", "deleting")]),
    "aws_eip": ("ec2", "describe_addresses", lambda v: {"AllocationIds": [v["id"]]}, lambda r, v: r["Addresses"]),
    "aws_efs_file_system": ("efs", "describe_file_systems", lambda v: {"FileSystemId": v["id"]}, lambda r, v: r["FileSystems"]),
    "aws_efs_mount_target": ("efs", "describe_mount_targets", lambda v: {"MountTargetId": v["id"]}, lambda r, v: r["MountTargets"]),
    "aws_route": ("ec2", "describe_route_tables", lambda v: {"RouteTableIds": [v["route_table_id"]]},
                  lambda r, v: [route for table in r["RouteTables"] for route in table["Routes"]
                             if route.get("DestinationCidrBlock") == v.get("destination_cidr_block")]),
    "aws_route_table_association": ("ec2", "describe_route_tables",
                                    lambda v: {"Filters": [{"Name": "association.route-table-association-id", "Values": [v["id"]]}]},
                                    lambda r, v: r["RouteTables"]),
    "aws_vpc_peering_connection": ("ec2", "describe_vpc_peering_connections", lambda v: {"VpcPeeringConnectionIds": [v["id"]]},
                                   lambda r, v: [c for c in r["VpcPeeringConnections"]
                                              if c.get("Status", {}).get("Code") not in ("deleted", "deleting", "rejected", "failed")]),
    "aws_s3_bucket": ("s3", "head_bucket", lambda v: {"Bucket": v["bucket"]}, lambda r, v: [r]),
    "aws_fsx_lustre_file_system": ("fsx", "describe_file_systems", lambda v: {"FileSystemIds": [v["id"]]}, lambda r, v: r["FileSystems"]),
    "aws_fsx_data_repository_association": ("fsx", "describe_data_repository_associations", lambda v: {"AssociationIds": [v["id"]]},
                                            lambda r, v: r["Associations"]),
    "aws_db_subnet_group": ("rds", "describe_db_subnet_groups", lambda v: {"DBSubnetGroupName": v["name"]}, lambda r, v: r["DBSubnetGroups"]),
    "aws_cloudformation_stack": ("cloudformation", "describe_stacks", lambda v: {"StackName": v["id"]},
                                 lambda r, v: [s for s in r["Stacks"] if s["StackStatus"] not in ("DELETE_COMPLETE", "DELETE_IN_PROGRESS")]),
    "aws_db_instance": ("rds", "describe_db_instances", lambda v: {"DBInstanceIdentifier": v["identifier"]},
                        lambda r, v: [i for i in r["DBInstances"] if i.get("DBInstanceStatus") not in ("deleted", "deleting")]),
}
# What a resource creates beside itself, read back with it: (name, service, call, arguments, found).
# The secret RDS keeps the master password in is read by ARN with DescribeSecret, which returns
# the secret's metadata only: its value is never asked for.
COMPANIONS = {
    "aws_db_instance": [("master_user_secret", "secretsmanager", "describe_secret",
                         lambda v: {"SecretId": v["master_user_secret"][0]["secret_arn"]},
                         lambda r, v: [r] if not r.get("DeletedDate") else [])],
    # A key pair stack (AWS::EC2::KeyPair): the key pair by the id the stack reports, and the
    # Parameter Store entry holding its private key, by name (metadata only, never the value).
    "aws_cloudformation_stack": [
        ("key pair", "ec2", "describe_key_pairs", lambda v: {"KeyPairIds": [v["outputs"]["KeyPairId"]]}, lambda r, v: r["KeyPairs"]),
        ("private key parameter", "ssm", "describe_parameters",
         lambda v: {"ParameterFilters": [{"Key": "Name", "Values": [f"/ec2/keypair/{v['outputs']['KeyPairId']}"]}]},
         lambda r, v: r["Parameters"]),
    ],
}
# A describe call for an id that is gone fails with one of these codes.
GONE = ("NotFound", "NotFoundException", "FileSystemNotFound", "MountTargetNotFound", "404", "NoSuchBucket",
        "DBInstanceNotFound", "DBSubnetGroupNotFoundFault", "DataRepositoryAssociationNotFound")


def resources(state):
    """Every managed resource in `terraform show -json`, modules included."""
    found = []

    def walk(module):
        for resource in module.get("resources", []):
            if resource.get("mode") == "managed":
                found.append(resource)
        for child in module.get("child_modules", []):
            walk(child)

    walk(state.get("values", {}).get("root_module", {}))
    return found


def exists(service_client, call, arguments, found, values):
    """Whether the described object exists; False when the service answers that it is gone."""
    try:
        return bool(found(getattr(service_client, call)(**arguments), values))
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code", "")
        if not any(marker in code for marker in GONE):
            raise
        return False


def read_back(endpoint, region, state, expect_present):
    report = {"resources": [], "unreadable_types": []}
    ok = True
    for resource in resources(state):
        kind = resource["type"]
        if kind not in READERS:
            report["unreadable_types"].append(kind)
            ok = False
            continue
        values = resource["values"]
        readers = [("", *READERS[kind])] + COMPANIONS.get(kind, [])
        for companion, service, call, arguments, found in readers:
            present = exists(client(service, endpoint, region), call, arguments(values), found, values)
            ok = ok and present == expect_present
            address = resource["address"] + (f" {companion}" if companion else "")
            report["resources"].append({"address": address, "id": values.get("id"), "present": present})
    report["ok"] = ok
    return report


def probe(endpoint, region):
    """Tries what moto cannot do for each excluded type (MotoApply.unsupported); a probe that
    succeeds means the exclusion is stale. Every type hpcc emits applies at present (what moto
    lacked is added by moto-server.py), so there is nothing to probe; an exclusion added later
    comes with its probe here."""
    return {}


def main():
    mode, endpoint = sys.argv[1], sys.argv[2]
    if mode == "wait":
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=2).read()
                print(json.dumps({"ok": True}))
                return 0
            except OSError:
                time.sleep(0.3)
        print(json.dumps({"ok": False}))
        return 1
    if mode == "probe":
        report = probe(endpoint, sys.argv[3])
        print(json.dumps(report, indent=1))
        return 0 if all(entry["still_unsupported"] for entry in report.values()) else 1
    region = sys.argv[3]
    with open(sys.argv[4]) as handle:
        state = json.load(handle)
    report = read_back(endpoint, region, state, expect_present=(mode == "present"))
    print(json.dumps(report, indent=1))
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
