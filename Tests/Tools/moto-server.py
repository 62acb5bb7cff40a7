#!/usr/bin/env python3
"""moto's server, with what moto 5.2.5 lacks for the resources hpcc emits.

    moto-server.py -H 127.0.0.1 -p PORT

Each addition follows what AWS documents, and the script refuses to start once moto has the
feature itself, so no addition outlives its need:
- CloudFormation AWS::EC2::KeyPair. moto accepts such a stack and creates nothing (and answers
  500 to Fn::GetAtt on it). Here EC2 creates the key pair (KeyName, KeyType, Tags) and puts the
  private key in Parameter Store as the SecureString /ec2/keypair/<key pair id>; Ref gives the key
  name, Fn::GetAtt KeyPairId and KeyFingerprint; deleting the stack deletes both. The key is
  moto's own fake; nothing is printed.
- FSx for Lustre. moto creates a file system but describes it without Lifecycle (so a client
  waits for AVAILABLE forever), Lustre version, VPC or mount name, and has no data repository
  associations. Here a file system is AVAILABLE at once and described with the Lustre settings it
  was created with, its FileSystemTypeVersion, VpcId and a MountName, and an id it does not
  have is answered with FileSystemNotFound (moto answers an empty list); its id has 17 hex
  digits after `fs-`, as AWS's do (moto makes 8, which ParallelCluster's FileSystemId pattern
  `^fs-[0-9a-z]{17}$` refuses, so a config mounting it by id would not validate); data repository
  associations are created (AVAILABLE at once, for an existing file system only), described,
  tagged and deleted.
- ElastiCache replication groups. moto lists member cache clusters it never creates (a client
  reading a member gets CacheClusterNotFound) and never finishes deleting a group. Here the
  members are created with the group (same node type, engine, subnet group, encryption, in the
  group) and a deleted group is gone with its members, as once AWS has finished deleting it.
  moto has no DeleteCacheSubnetGroup; here it deletes the group (CacheSubnetGroupInUse while a
  cluster uses it, CacheSubnetGroupNotFoundFault for an unknown name).
- API Gateway REST API policies. AWS returns a REST API's policy as an escaped JSON string
  (quotes as \\"), which is what clients unescape; moto returns it unescaped. Here it is escaped.
- S3 bucket policies that deny requests without TLS (Deny with the one condition
  Bool aws:SecureTransport false). moto evaluates a bucket policy's statements without their
  conditions, so such a statement denies every object request. The server stands in for AWS's
  endpoints, which Terraform and boto3 reach over TLS, so here the statement applies to no
  request; every other statement is evaluated as moto does.
- AWS managed IAM policies (AmazonEKSClusterPolicy, ...) are loaded, as moto's own setting
  MOTO_IAM_LOAD_MANAGED_POLICIES does, so roles can attach them.
Everything else is moto unchanged.
"""
import os
import sys

os.environ.setdefault("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")

import json
from uuid import uuid4

import inspect

from moto.apigateway.models import RestAPI, apigateway_backends
from moto.core.responses import EmptyResult
from moto.elasticache.exceptions import CacheSubnetGroupNotFound, ElastiCacheException
from moto.elasticache.models import ElastiCacheBackend, elasticache_backends
from moto.elasticache.responses import ElastiCacheResponse
from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.exceptions import JsonRESTError
from moto.fsx import models as fsx_models
from moto.fsx.responses import FSxResponse
from moto.core.common_models import CloudFormationModel
from moto.ec2.models import ec2_backends
from moto.iam.access_control import PermissionResult
from moto.s3.models import FakeBucket
from moto.server import main
from moto.ssm.models import ssm_backends


if any(model.cloudformation_type() == "AWS::EC2::KeyPair" for model in CloudFormationModel.__subclasses__()):
    sys.exit("moto now emulates AWS::EC2::KeyPair itself: remove StackKeyPair from Tests/Tools/moto-server.py")


class StackKeyPair(CloudFormationModel):
    # moto's model registry reads the service from the module path (moto.<service>.*).
    __module__ = "moto.ec2.models.stack_key_pair"
    ATTRIBUTES = {"KeyPairId", "KeyFingerprint"}

    def __init__(self, key_pair):
        self.key_pair = key_pair

    @staticmethod
    def cloudformation_name_type():
        return "KeyName"

    @staticmethod
    def cloudformation_type():
        return "AWS::EC2::KeyPair"

    @classmethod
    def has_cfn_attr(cls, attr):
        return attr in cls.ATTRIBUTES

    @property
    def physical_resource_id(self):
        return self.key_pair.key_name

    def get_cfn_attribute(self, attribute_name):
        if attribute_name == "KeyPairId":
            return self.key_pair.id
        if attribute_name == "KeyFingerprint":
            return self.key_pair.key_fingerprint
        raise UnformattedGetAttTemplateException()

    @staticmethod
    def parameter(key_pair_id):
        return f"/ec2/keypair/{key_pair_id}"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        properties = cloudformation_json.get("Properties", {})
        tags = {tag["Key"]: tag["Value"] for tag in properties.get("Tags", [])}
        key_pair = ec2_backends[account_id][region_name].create_key_pair(
            properties.get("KeyName", resource_name), properties.get("KeyType", "rsa"), tags)
        ssm_backends[account_id][region_name].put_parameter(
            name=cls.parameter(key_pair.id), description=f"private key of EC2 key pair {key_pair.key_name}",
            value=key_pair.key_material, parameter_type="SecureString", allowed_pattern=None, keyid=None,
            overwrite=False, tags=[], data_type="text", tier=None, policies=None)
        return cls(key_pair)

    @classmethod
    def delete_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name):
        name = cloudformation_json.get("Properties", {}).get("KeyName", resource_name)
        key_pair = ec2_backends[account_id][region_name].delete_key_pair(name)
        if key_pair is not None:
            ssm_backends[account_id][region_name].delete_parameter(cls.parameter(key_pair.id))

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
        cls.delete_from_cloudformation_json(original_resource.physical_resource_id, cloudformation_json, account_id, region_name)
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)

    def is_created(self):
        return True


if hasattr(FSxResponse, "create_data_repository_association"):
    sys.exit("moto now has FSx data repository associations: remove the FSx additions from Tests/Tools/moto-server.py")

_create_file_system = fsx_models.FSxBackend.create_file_system
_file_system_dict = fsx_models.FileSystem.to_dict


def create_file_system(self, **arguments):
    file_system = _create_file_system(self, **arguments)
    # An AWS-shaped id: fs- and 17 hex digits; the name, ARN and tags follow it.
    old_id, old_arn = file_system.file_system_id, file_system.resource_arn
    new_id = "fs-0" + uuid4().hex[:16]
    file_system.file_system_id = new_id
    file_system.dns_name = file_system.dns_name.replace(old_id, new_id)
    file_system.resource_arn = old_arn.replace(old_id, new_id)
    self.file_systems[new_id] = self.file_systems.pop(old_id)
    tags = self.tagger.list_tags_for_resource(old_arn).get("Tags", [])
    self.tagger.delete_all_tags_for_resource(old_arn)
    if tags:
        self.tagger.tag_resource(file_system.resource_arn, tags)
    file_system.type_version = arguments.get("file_system_type_version")
    # A mount name is 8 lowercase letters and digits that FSx chooses.
    file_system.mount_name = uuid4().hex[:8]
    return file_system


def file_system_dict(self):
    described = _file_system_dict(self)
    described["Lifecycle"] = "AVAILABLE"
    described["OwnerId"] = self.backend.account_id
    subnets = ec2_backends[self.backend.account_id][self.backend.region_name].describe_subnets(subnet_ids=self.subnet_ids[:1])
    described["VpcId"] = subnets[0].vpc_id if subnets else None
    described["NetworkInterfaceIds"] = []
    if self.file_system_type == "LUSTRE":
        described["FileSystemTypeVersion"] = getattr(self, "type_version", None) or "2.15"
        lustre = dict(self.lustre_configuration or {})
        lustre["MountName"] = getattr(self, "mount_name", "fsx")
        lustre.setdefault("DataCompressionType", "NONE")
        described["LustreConfiguration"] = lustre
    return {key: value for key, value in described.items() if value is not None}


_describe_file_systems = fsx_models.FSxBackend.describe_file_systems


def describe_file_systems(self, file_system_ids=None, **arguments):
    # AWS answers FileSystemNotFound for an id it does not have; moto leaves it out.
    for file_system_id in file_system_ids or []:
        if file_system_id not in self.file_systems:
            raise fsx_models.FileSystemNotFound(file_system_id)
    return _describe_file_systems(self, file_system_ids=file_system_ids, **arguments)


fsx_models.FSxBackend.describe_file_systems = describe_file_systems
fsx_models.FSxBackend.create_file_system = create_file_system
fsx_models.FileSystem.to_dict = file_system_dict


class AssociationNotFound(JsonRESTError):
    def __init__(self, association_id):
        super().__init__("DataRepositoryAssociationNotFound", f"Data repository association '{association_id}' does not exist.")


def associations(backend):
    if not hasattr(backend, "data_repository_associations"):
        backend.data_repository_associations = {}
    return backend.data_repository_associations


def create_data_repository_association(self):
    request = json.loads(self.body)
    backend = self.fsx_backend
    if request.get("FileSystemId") not in backend.file_systems:
        raise fsx_models.FileSystemNotFound(request.get("FileSystemId"))
    association_id = f"dra-{uuid4().hex[:17]}"
    arn = f"arn:aws:fsx:{backend.region_name}:{backend.account_id}:association/{request['FileSystemId']}/{association_id}"
    association = {
        "AssociationId": association_id, "ResourceARN": arn, "FileSystemId": request["FileSystemId"], "Lifecycle": "AVAILABLE",
        "FileSystemPath": request.get("FileSystemPath"), "DataRepositoryPath": request.get("DataRepositoryPath"),
        "BatchImportMetaDataOnCreate": request.get("BatchImportMetaDataOnCreate", False),
        "ImportedFileChunkSize": request.get("ImportedFileChunkSize", 1024), "S3": request.get("S3", {}),
    }
    if request.get("Tags"):
        backend.tagger.tag_resource(arn, request["Tags"])
    associations(backend)[association_id] = association
    return json.dumps({"Association": dict(association, Tags=request.get("Tags", []))})


def describe_data_repository_associations(self):
    request = json.loads(self.body)
    known = associations(self.fsx_backend)
    wanted = request.get("AssociationIds") or list(known)
    for association_id in wanted:
        if association_id not in known:
            raise AssociationNotFound(association_id)
    found = [dict(known[i], Tags=self.fsx_backend.list_tags_for_resource(known[i]["ResourceARN"])) for i in wanted]
    return json.dumps({"Associations": found})


def delete_data_repository_association(self):
    request = json.loads(self.body)
    association_id = request.get("AssociationId")
    if associations(self.fsx_backend).pop(association_id, None) is None:
        raise AssociationNotFound(association_id)
    return json.dumps({"AssociationId": association_id, "Lifecycle": "DELETING",
                       "DeleteDataInFileSystem": request.get("DeleteDataInFileSystem", False)})


FSxResponse.create_data_repository_association = create_data_repository_association
FSxResponse.describe_data_repository_associations = describe_data_repository_associations
FSxResponse.delete_data_repository_association = delete_data_repository_association


def replication_groups_create_members():
    """Whether moto creates a replication group's member clusters itself (probed in a scratch account)."""
    backend = elasticache_backends["000000000000"]["us-east-1"]
    arguments = {name: None for name in inspect.signature(backend.create_replication_group).parameters}
    arguments.update(replication_group_id="hpcc-probe", replication_group_description="probe", num_cache_clusters=1,
                     cache_node_type="cache.t3.micro", engine="redis")
    group = backend.create_replication_group(**arguments)
    created = all(member in backend.cache_clusters for member in group.member_clusters)
    backend.replication_groups.pop("hpcc-probe", None)
    for member in group.member_clusters:
        backend.cache_clusters.pop(member, None)
    return created


if replication_groups_create_members():
    sys.exit("moto now creates replication group members itself: remove the ElastiCache addition from Tests/Tools/moto-server.py")

moto_create_replication_group = ElastiCacheBackend.create_replication_group
moto_delete_replication_group = ElastiCacheBackend.delete_replication_group


def create_replication_group(self, **arguments):
    group = moto_create_replication_group(self, **arguments)
    # moto makes one member when cluster mode is off, whatever NumCacheClusters asks; AWS makes them all
    # (named <group>-001, -002, ...), and the AWS provider reads num_cache_clusters back as their number.
    wanted = arguments.get("num_cache_clusters") or 0
    for number in range(len(group.member_clusters) + 1, wanted + 1):
        group.member_clusters.append(f"{group.replication_group_id}-{number:03d}")
    member_arguments = {name: None for name in inspect.signature(self.create_cache_cluster).parameters}
    for member in group.member_clusters:
        if member in self.cache_clusters:
            continue
        self.create_cache_cluster(**dict(
            member_arguments, cache_cluster_id=member, replication_group_id=group.replication_group_id, num_cache_nodes=1,
            cache_node_type=arguments.get("cache_node_type"), engine=arguments.get("engine") or "redis",
            engine_version=arguments.get("engine_version"), cache_subnet_group_name=arguments.get("cache_subnet_group_name"),
            transit_encryption_enabled=arguments.get("transit_encryption_enabled"), port=arguments.get("port"),
            security_group_ids=arguments.get("security_group_ids"), cache_security_group_names=[], tags=[], snapshot_arns=[],
            preferred_availability_zones=[], preferred_outpost_arns=[], log_delivery_configurations=[],
            cache_node_ids_to_remove=[], cache_node_ids_to_reboot=[]))
    return group


def delete_replication_group(self, replication_group_id, retain_primary_cluster):
    group = moto_delete_replication_group(self, replication_group_id, retain_primary_cluster)
    self.replication_groups.pop(replication_group_id, None)
    for member in list(group.member_clusters) + [group.primary_cluster_id]:
        if member and self.cache_clusters.get(member) and self.cache_clusters[member].replication_group_id == replication_group_id:
            self.cache_clusters.pop(member)
    return group


if hasattr(ElastiCacheBackend, "delete_cache_subnet_group"):
    sys.exit("moto now deletes cache subnet groups itself: remove delete_cache_subnet_group from Tests/Tools/moto-server.py")


class CacheSubnetGroupInUse(ElastiCacheException):
    code = "CacheSubnetGroupInUse"

    def __init__(self, name):
        super().__init__(f"Cache subnet group {name} is currently in use by a cache cluster.")


def delete_cache_subnet_group(self):
    name = self._get_param("CacheSubnetGroupName")
    backend = self.elasticache_backend
    if name not in backend.cache_subnet_groups:
        raise CacheSubnetGroupNotFound(name)
    if any(cluster.cache_subnet_group_name == name for cluster in backend.cache_clusters.values()):
        raise CacheSubnetGroupInUse(name)
    backend.cache_subnet_groups.pop(name)
    return EmptyResult()


ElastiCacheResponse.delete_cache_subnet_group = delete_cache_subnet_group
ElastiCacheBackend.create_replication_group = create_replication_group
ElastiCacheBackend.delete_replication_group = delete_replication_group


def policy_is_escaped():
    """Whether moto already returns a REST API's policy escaped, as AWS does."""
    api = apigateway_backends["000000000000"]["us-east-1"].create_rest_api(name="hpcc-probe", description="", policy='{"a":"b"}')
    escaped = api.to_dict().get("policy") != '{"a":"b"}'
    apigateway_backends["000000000000"]["us-east-1"].apis.pop(api.id, None)
    return escaped


if policy_is_escaped():
    sys.exit("moto now escapes REST API policies itself: remove the API Gateway addition from Tests/Tools/moto-server.py")

moto_rest_api_to_dict = RestAPI.to_dict


def rest_api_to_dict(self):
    body = moto_rest_api_to_dict(self)
    if body.get("policy"):
        body["policy"] = body["policy"].replace("\\", "\\\\").replace('"', '\\"')
    return body


RestAPI.to_dict = rest_api_to_dict


def is_tls_only(statement):
    """A Deny statement whose only condition is that the request did not use TLS."""
    condition = statement.get("Condition") or {}
    values = (condition.get("Bool") or {}).get("aws:SecureTransport")
    return (statement.get("Effect") == "Deny" and list(condition) == ["Bool"]
            and len(condition["Bool"]) == 1 and str(values).lower() in ("false", "['false']"))


moto_get_permission = FakeBucket.get_permission


def get_permission(self, action, resource):
    if self.policy is None:
        return moto_get_permission(self, action, resource)
    document = json.loads(self.policy)
    statements = document.get("Statement") or []
    kept = [statement for statement in (statements if isinstance(statements, list) else [statements])
            if not is_tls_only(statement)]
    if not kept:
        return PermissionResult.NEUTRAL
    original = self.policy
    self.policy = json.dumps({**document, "Statement": kept}).encode()
    try:
        return moto_get_permission(self, action, resource)
    finally:
        self.policy = original


def denies_tls_requests():
    """Whether moto still denies every request under a TLS-only policy (it ignores conditions)."""
    bucket = FakeBucket("hpcc-probe", account_id="000000000000", region_name="us-east-1")
    bucket.policy = json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::hpcc-probe/*",
        "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}).encode()
    return moto_get_permission(bucket, "s3:GetObject", "arn:aws:s3:::hpcc-probe/x") == PermissionResult.DENIED


if not denies_tls_requests():
    sys.exit("moto now evaluates aws:SecureTransport itself: remove the S3 addition from Tests/Tools/moto-server.py")

FakeBucket.get_permission = get_permission


if __name__ == "__main__":
    main(sys.argv[1:])
