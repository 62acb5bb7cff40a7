#!/usr/bin/env python3
"""moto's server, with the one CloudFormation resource type hpcc emits that moto 5.2.5 lacks.

    moto-server.py -H 127.0.0.1 -p PORT

moto's CloudFormation accepts a stack with an AWS::EC2::KeyPair and creates nothing (and
answers 500 to Fn::GetAtt on it). This adds the resource type with the behaviour AWS documents:
EC2 creates the key pair (KeyName, KeyType, Tags), puts the private key in Parameter Store as
the SecureString /ec2/keypair/<key pair id>, Ref gives the key name, Fn::GetAtt gives KeyPairId
and KeyFingerprint; deleting the stack deletes both. The key is moto's own fake; nothing is
printed. Everything else is moto unchanged.
"""
import sys

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.ec2.models import ec2_backends
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


if __name__ == "__main__":
    main(sys.argv[1:])
