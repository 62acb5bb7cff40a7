#!/usr/bin/env python3
"""Helpers of the moto end-to-end apply test (Tests/ConsumerTests/MotoApplyTests.swift).

    moto-readback.py wait ENDPOINT                 until moto answers (at most 30 s)
    moto-readback.py present ENDPOINT REGION STATE.json [TFSTATE]   each resource terraform created, read back with boto3;
                                                   each secret version's value judged (never printed)
    moto-readback.py absent ENDPOINT REGION STATE.json    the same resources, expected gone after destroy
    moto-readback.py probe ENDPOINT REGION         whether moto still cannot emulate the excluded types
    moto-readback.py seed ENDPOINT REGION '[[BUCKET, KEY], ...]'   a small zip at each place (Lambda code)

STATE.json is `terraform show -json`, TFSTATE the raw terraform.tfstate. Prints one JSON object;
exit 0 when every resource is as expected (or, for probe, when every excluded type is still
unsupported), 1 otherwise. A secret version's value is read with GetSecretValue only to judge
it: the report says its length, whether it is JSON, whether it is letters and digits only, and
whether it appears in either state file; the value itself is never printed.
The credentials are moto's fake constants; nothing here talks to AWS.
"""
import io
import json
import sys
import zipfile
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
    # present only while it is the closed group Terraform made of it
    "aws_default_security_group": ("ec2", "describe_security_groups", lambda v: {"GroupIds": [v["id"]]},
                                   lambda r, v: [g for g in r["SecurityGroups"] if not g["IpPermissions"] and not g["IpPermissionsEgress"]]),
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
    # The HTC grid: key, queues, state table, payload store, control plane, EKS.
    "aws_kms_key": ("kms", "describe_key", lambda v: {"KeyId": v["key_id"]},
                    lambda r, v: [r["KeyMetadata"]] if r["KeyMetadata"]["KeyState"] not in ("PendingDeletion", "Disabled") else []),
    "aws_kms_alias": ("kms", "list_aliases", lambda v: {}, lambda r, v: [a for a in r["Aliases"] if a["AliasName"] == v["name"]]),
    "aws_sqs_queue": ("sqs", "get_queue_attributes", lambda v: {"QueueUrl": v["id"], "AttributeNames": ["QueueArn"]}, lambda r, v: [r["Attributes"]]),
    "aws_sqs_queue_policy": ("sqs", "get_queue_attributes", lambda v: {"QueueUrl": v["queue_url"], "AttributeNames": ["Policy"]},
                             lambda r, v: [r["Attributes"]["Policy"]] if r.get("Attributes", {}).get("Policy") else []),
    "aws_dynamodb_table": ("dynamodb", "describe_table", lambda v: {"TableName": v["name"]},
                           lambda r, v: [r["Table"]] if r["Table"]["TableStatus"] != "DELETING" else []),
    "aws_s3_bucket_public_access_block": ("s3", "get_public_access_block", lambda v: {"Bucket": v["bucket"]},
                                          lambda r, v: [r] if all(r["PublicAccessBlockConfiguration"].values()) else []),
    "aws_s3_bucket_ownership_controls": ("s3", "get_bucket_ownership_controls", lambda v: {"Bucket": v["bucket"]}, lambda r, v: r["OwnershipControls"]["Rules"]),
    "aws_s3_bucket_server_side_encryption_configuration": (
        "s3", "get_bucket_encryption", lambda v: {"Bucket": v["bucket"]},
        lambda r, v: [rule for rule in r["ServerSideEncryptionConfiguration"]["Rules"]
                      if rule["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "aws:kms"]),
    "aws_s3_bucket_versioning": ("s3", "get_bucket_versioning", lambda v: {"Bucket": v["bucket"]}, lambda r, v: [r] if r.get("Status") == "Enabled" else []),
    "aws_s3_object": ("s3", "head_object", lambda v: {"Bucket": v["bucket"], "Key": v["key"]}, lambda r, v: [r]),
    "aws_s3_bucket_policy": ("s3", "get_bucket_policy", lambda v: {"Bucket": v["bucket"]}, lambda r, v: [r["Policy"]]),
    "aws_elasticache_subnet_group": ("elasticache", "describe_cache_subnet_groups", lambda v: {"CacheSubnetGroupName": v["name"]},
                                     lambda r, v: r["CacheSubnetGroups"]),
    "aws_elasticache_replication_group": ("elasticache", "describe_replication_groups", lambda v: {"ReplicationGroupId": v["id"]},
                                          lambda r, v: [g for g in r["ReplicationGroups"] if g["Status"] != "deleting"]),
    "aws_cloudwatch_log_group": ("logs", "describe_log_groups", lambda v: {"logGroupNamePrefix": v["name"]},
                                 lambda r, v: [g for g in r["logGroups"] if g["logGroupName"] == v["name"]]),
    "aws_cloudwatch_log_stream": ("logs", "describe_log_streams", lambda v: {"logGroupName": v["log_group_name"], "logStreamNamePrefix": v["name"]},
                                  lambda r, v: [s for s in r["logStreams"] if s["logStreamName"] == v["name"]]),
    "aws_iam_role": ("iam", "get_role", lambda v: {"RoleName": v["name"]}, lambda r, v: [r["Role"]]),
    "aws_iam_role_policy": ("iam", "get_role_policy", lambda v: {"RoleName": v["role"], "PolicyName": v["name"]}, lambda r, v: [r]),
    "aws_iam_role_policy_attachment": ("iam", "list_attached_role_policies", lambda v: {"RoleName": v["role"]},
                                       lambda r, v: [p for p in r["AttachedPolicies"] if p["PolicyArn"] == v["policy_arn"]]),
    "aws_lambda_function": ("lambda", "get_function", lambda v: {"FunctionName": v["function_name"]}, lambda r, v: [r["Configuration"]]),
    "aws_lambda_permission": ("lambda", "get_policy", lambda v: {"FunctionName": v["function_name"]},
                              lambda r, v: [s for s in json.loads(r["Policy"])["Statement"] if s.get("Sid") == v["statement_id"]]),
    "aws_cloudwatch_event_rule": ("events", "describe_rule", lambda v: {"Name": v["name"]}, lambda r, v: [r]),
    "aws_cloudwatch_event_target": ("events", "list_targets_by_rule", lambda v: {"Rule": v["rule"]},
                                    lambda r, v: [t for t in r["Targets"] if t["Id"] == v["target_id"]]),
    "aws_api_gateway_rest_api": ("apigateway", "get_rest_api", lambda v: {"restApiId": v["id"]}, lambda r, v: [r]),
    "aws_api_gateway_rest_api_policy": ("apigateway", "get_rest_api", lambda v: {"restApiId": v["rest_api_id"]},
                                        lambda r, v: [r["policy"]] if r.get("policy") else []),
    "aws_api_gateway_resource": ("apigateway", "get_resource", lambda v: {"restApiId": v["rest_api_id"], "resourceId": v["id"]}, lambda r, v: [r]),
    "aws_api_gateway_method": ("apigateway", "get_method",
                               lambda v: {"restApiId": v["rest_api_id"], "resourceId": v["resource_id"], "httpMethod": v["http_method"]}, lambda r, v: [r]),
    "aws_api_gateway_integration": ("apigateway", "get_integration",
                                    lambda v: {"restApiId": v["rest_api_id"], "resourceId": v["resource_id"], "httpMethod": v["http_method"]},
                                    lambda r, v: [r]),
    "aws_api_gateway_deployment": ("apigateway", "get_deployment", lambda v: {"restApiId": v["rest_api_id"], "deploymentId": v["id"]}, lambda r, v: [r]),
    "aws_api_gateway_stage": ("apigateway", "get_stage", lambda v: {"restApiId": v["rest_api_id"], "stageName": v["stage_name"]}, lambda r, v: [r]),
    "aws_eks_cluster": ("eks", "describe_cluster", lambda v: {"name": v["name"]},
                        lambda r, v: [r["cluster"]] if r["cluster"]["status"] not in ("DELETING",) else []),
    "aws_secretsmanager_secret": ("secretsmanager", "describe_secret", lambda v: {"SecretId": v["arn"]},
                                  lambda r, v: [r] if not r.get("DeletedDate") else []),
    "aws_secretsmanager_secret_version": ("secretsmanager", "describe_secret", lambda v: {"SecretId": v["secret_id"]},
                                          lambda r, v: [r] if not r.get("DeletedDate") and v["version_id"] in r.get("VersionIdsToStages", {}) else []),
    "aws_launch_template": ("ec2", "describe_launch_templates", lambda v: {"LaunchTemplateIds": [v["id"]]}, lambda r, v: r["LaunchTemplates"]),
    "aws_eks_node_group": ("eks", "describe_nodegroup", lambda v: {"clusterName": v["cluster_name"], "nodegroupName": v["node_group_name"]},
                           lambda r, v: [r["nodegroup"]] if r["nodegroup"]["status"] not in ("DELETING",) else []),
}
# What a resource creates beside itself, read back with it: (name, service, call, arguments, found).
COMPANIONS = {
    # A key pair stack (AWS::EC2::KeyPair): the key pair by the id the stack reports, and the
    # Parameter Store entry holding its private key, by name (metadata only, never the value).
    # The replication group's member clusters (moto-server.py creates them): every one it should have.
    "aws_elasticache_replication_group": [
        ("member clusters", "elasticache", "describe_cache_clusters", lambda v: {},
         lambda r, v: (lambda members: members if len(members) == v["num_cache_clusters"] else [])(
             [c for c in r["CacheClusters"] if c.get("ReplicationGroupId") == v["id"]]))],
    "aws_cloudformation_stack": [
        ("key pair", "ec2", "describe_key_pairs", lambda v: {"KeyPairIds": [v["outputs"]["KeyPairId"]]}, lambda r, v: r["KeyPairs"]),
        ("private key parameter", "ssm", "describe_parameters",
         lambda v: {"ParameterFilters": [{"Key": "Name", "Values": [f"/ec2/keypair/{v['outputs']['KeyPairId']}"]}]},
         lambda r, v: r["Parameters"]),
    ],
}
# A describe call for an id that is gone fails with one of these codes.
GONE = ("ResourceNotFoundException", "NotFound", "NotFoundException", "NonExistentQueue", "QueueDoesNotExist", "NoSuchEntity", "NoSuchPublicAccessBlockConfiguration", "FileSystemNotFound", "MountTargetNotFound", "404", "NoSuchBucket",
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


def judge_secrets(endpoint, region, state, raw_state):
    """Each secret version's value as ParallelCluster's head node uses it (the whole SecretString
    as slurmdbd's StoragePass): a plain password, not JSON, and in neither state file. Only facts
    about the value are reported."""
    texts = [json.dumps(state)] + ([raw_state] if raw_state is not None else [])
    secrets = client("secretsmanager", endpoint, region)
    judged = []
    for resource in resources(state):
        if resource["type"] != "aws_secretsmanager_secret_version":
            continue
        value = secrets.get_secret_value(SecretId=resource["values"]["secret_id"])["SecretString"]
        try:
            json.loads(value)
            is_json = True
        except ValueError:
            is_json = False
        judged.append({"address": resource["address"], "length": len(value), "is_json": is_json,
                       "letters_and_digits": value.isascii() and value.isalnum(),
                       "in_state": any(value in text for text in texts)})
    return judged


def probe(endpoint, region):
    """Tries what moto cannot do for each excluded type (MotoApply.unsupported); a probe that
    succeeds means the exclusion is stale. EKS access entries: moto has no CreateAccessEntry or
    AssociateAccessPolicy (its router answers 404 with a page, not an AWS error), so the probe
    makes a cluster and calls both; EFS backup policies: a file system, then PutBackupPolicy."""
    eks, iam = client("eks", endpoint, region), client("iam", endpoint, region)
    role = iam.create_role(RoleName="hpcc-probe-eks", AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": []}))["Role"]["Arn"]
    eks.create_cluster(name="hpcc-probe", roleArn=role, resourcesVpcConfig={"subnetIds": []})
    principal = "arn:aws:iam::123456789012:role/hpcc-probe"
    report = {}
    try:
        for kind, call, arguments in [
            ("aws_eks_access_entry", "create_access_entry", {"clusterName": "hpcc-probe", "principalArn": principal}),
            ("aws_eks_access_policy_association", "associate_access_policy",
             {"clusterName": "hpcc-probe", "principalArn": principal, "accessScope": {"type": "cluster"},
              "policyArn": "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"}),
        ]:
            try:
                getattr(eks, call)(**arguments)
                report[kind] = {"still_unsupported": False, "evidence": f"{call} succeeded"}
            except ClientError as error:
                answer = error.response.get("Error", {})
                # An AWS error with a code (ResourceNotFoundException, ...) means moto knows the call.
                known = bool(answer.get("Code")) and answer.get("Code") not in ("404",)
                report[kind] = {"still_unsupported": not known, "evidence": f"{call}: {answer.get('Code') or 'no AWS error code'} {brief(error)}"}
            except Exception as error:  # botocore cannot parse moto's 404 page
                report[kind] = {"still_unsupported": True, "evidence": f"{call}: {type(error).__name__}: {brief(error)}"}
    finally:
        eks.delete_cluster(name="hpcc-probe")
        iam.delete_role(RoleName="hpcc-probe-eks")
    # EFS backup policies: moto reads one (DescribeBackupPolicy) but cannot set one; its
    # PutBackupPolicy answers 500 (NotImplementedError), which botocore retries, then raises.
    efs = client("efs", endpoint, region)
    file_system = efs.create_file_system(CreationToken="hpcc-probe-backup")["FileSystemId"]
    try:
        efs.put_backup_policy(FileSystemId=file_system, BackupPolicy={"Status": "ENABLED"})
        status = efs.describe_backup_policy(FileSystemId=file_system)["BackupPolicy"]["Status"]
        report["aws_efs_backup_policy"] = {"still_unsupported": status != "ENABLED",
                                           "evidence": f"put_backup_policy succeeded, status {status}"}
    except Exception as error:
        report["aws_efs_backup_policy"] = {"still_unsupported": True,
                                           "evidence": f"put_backup_policy: {type(error).__name__}: {brief(error)}"}
    finally:
        efs.delete_file_system(FileSystemId=file_system)
    return report


def brief(error):
    """An error's text on one line, cut short."""
    return " ".join(str(error).split())[:100]


def seed(endpoint, region, objects):
    """Puts a small zip at each (bucket, key): the code packages a root's Lambda functions read
    from S3, as an operator uploads them before applying."""
    s3 = client("s3", endpoint, region)
    made = []
    for bucket, key in objects:
        try:
            s3.head_bucket(Bucket=bucket)
        except ClientError:
            s3.create_bucket(Bucket=bucket, **({} if region == "us-east-1" else {"CreateBucketConfiguration": {"LocationConstraint": region}}))
        package = io.BytesIO()
        with zipfile.ZipFile(package, "w") as archive:
            archive.writestr("handler.py", "def lambda_handler(event, context):\n    return {}\n")
        s3.put_object(Bucket=bucket, Key=key, Body=package.getvalue())
        made.append(f"s3://{bucket}/{key}")
    return {"ok": True, "seeded": made}


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
    if mode == "seed":
        print(json.dumps(seed(endpoint, sys.argv[3], json.loads(sys.argv[4])), indent=1))
        return 0
    if mode == "probe":
        report = probe(endpoint, sys.argv[3])
        print(json.dumps(report, indent=1))
        return 0 if all(entry["still_unsupported"] for entry in report.values()) else 1
    region = sys.argv[3]
    with open(sys.argv[4]) as handle:
        state = json.load(handle)
    report = read_back(endpoint, region, state, expect_present=(mode == "present"))
    if mode == "present":
        raw_state = None
        if len(sys.argv) > 5:
            with open(sys.argv[5]) as handle:
                raw_state = handle.read()
        report["secrets"] = judge_secrets(endpoint, region, state, raw_state)
        report["ok"] = report["ok"] and not any(s["is_json"] or s["in_state"] for s in report["secrets"])
    print(json.dumps(report, indent=1))
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
