/// What a ParallelCluster needs from its group's Terraform root: the CloudFormation stack that
/// creates its ED25519 key pair, and the cluster config with the deployment's ids swapped in for
/// the placeholders of `parallelcluster/<id>.yaml`.
enum AWSParallelClusterResources {
    /// The CloudFormation stack that creates the key pair of the parallelcluster module `module`.
    static func keyPairStack(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("aws_cloudformation_stack", "\(module.rawValue)_key_pair")
    }
    /// The cluster config as compiled, with its placeholders.
    static func configTemplate(_ module: ModuleID) -> TerraformLocal {
        TerraformLocal("\(module.rawValue)_cluster_config_template")
    }
    /// The cluster config with the deployment's ids in place of the placeholders.
    static func config(_ module: ModuleID) -> TerraformLocal { TerraformLocal("\(module.rawValue)_cluster_config") }
    /// The bucket holding the head node's REST API script.
    static func scriptBucket(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("aws_s3_bucket", "\(module.rawValue)_scripts")
    }
    /// The head node's REST API script in that bucket.
    static func restAPIScript(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("aws_s3_object", "\(module.rawValue)_slurmrestd_script")
    }
    /// The security group admitting the REST API's clients to the head node.
    static func restAPIGroup(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("aws_security_group", "\(module.rawValue)_slurmrestd")
    }

    static func emit(
        _ cluster: ParallelCluster, defaults: [String: String], into document: inout TerraformDocument,
        references: inout TerraformReferences
    ) {
        let module = cluster.origin.module
        document.resource(
            keyPairStack(module),
            [
                "name": .string(HCL.escapeTemplate(cluster.keyPair.stackName)),
                "template_body": .string(HCL.escapeTemplate(keyPairTemplate(cluster, defaults: defaults))),
                "tags": AWSTagging.tags(cluster.origin, name: cluster.keyPair.stackName, defaults: defaults),
            ])
        if let restAPI = cluster.restAPI {
            emitRestAPI(cluster, restAPI, defaults: defaults, into: &document, references: &references)
        }
        let compiled = ClusterConfigDocument(cluster)
        document.local(configTemplate(module), .string(HCL.escapeTemplate(compiled.text)))
        // Each placeholder is unique and as long as an AWS id, so no replacement can touch another.
        var expression = configTemplate(module).reference
        for placeholder in compiled.placeholders {
            expression = "replace(\(expression), \(HCL.quoted(placeholder.token)), \(references.hcl(placeholder.text)))"
        }
        document.local(config(module), .string(TerraformReferences.interpolation(expression)))
    }

    /// The REST API's bucket, with the head-node script in it, and the security group admitting
    /// only `allowed_clients` to slurmrestd's port (ParallelCluster's own head node group admits
    /// SSH and the cluster; groups add up, so this one adds the API's clients and nothing else).
    private static func emitRestAPI(
        _ cluster: ParallelCluster, _ restAPI: PClusterRestAPI, defaults: [String: String],
        into document: inout TerraformDocument, references: inout TerraformReferences
    ) {
        let module = cluster.origin.module, api = restAPI.api
        // AWS completes the prefix to a unique name; a prefix is at most 37 characters.
        let prefix = String(cluster.name.lowercased().prefix(28)) + "-scripts-"
        let bucket = scriptBucket(module)
        AWSPrivateBucket.emit(
            bucket, name: ("bucket_prefix", prefix),
            tags: AWSTagging.tags(cluster.origin, name: "\(cluster.name)-scripts", defaults: defaults),
            // The bucket holds only the script below; destroying the root deletes its old versions too.
            key: nil, versioning: true, forceDestroy: true, into: &document)
        document.resource(
            restAPIScript(module),
            [
                "bucket": bucket.json("id"), "key": .string(HeadNodeRestAPIScript.objectKey(cluster)),
                "content": .string(HCL.escapeTemplate(HeadNodeRestAPIScript.text(cluster, api))),
                "content_type": "text/x-shellscript",
                // Encryption comes from the bucket's default; the object waits for it.
                "depends_on": .addresses([
                    TerraformAddress("aws_s3_bucket_server_side_encryption_configuration", bucket.name)
                ]),
            ])
        let group = restAPIGroup(module)
        AWSSecurityGroups.group(
            group, name: "\(cluster.name)-slurmrestd",
            description: "Slurm REST API of ParallelCluster cluster \(cluster.name): its clients only",
            vpc: references.json(restAPI.vpc), origin: cluster.origin, defaults: defaults, into: &document)
        for (index, client) in api.allowedClients.enumerated() {
            AWSSecurityGroups.ingress(
                "\(group.name)_client_\(index)", group: group, cidr: client, ports: api.port...api.port,
                description: "slurmrestd from client \(client)", into: &document)
        }
    }

    /// The parallelcluster module's outputs over these resources.
    static func value(
        of output: ParallelClusterModule.Output, cluster: ParallelCluster, module: ModuleID, path: [Accessor]
    ) -> OutputValue {
        switch output {
        case .clusterConfig: .expression(config(module).reference + HCL.access(path))
        case .privateKeyParameter:
            .expression(
                "\"/ec2/keypair/\(keyPairStack(module).interpolation("outputs.KeyPairId"))\"" + HCL.access(path))
        case .clusterName, .keyPairName: .known
        }
    }

    /// `AWS::EC2::KeyPair` makes EC2 generate the key and put the private half in Parameter Store
    /// (`/ec2/keypair/<key pair id>`); CloudFormation hands back only the id.
    private static func keyPairTemplate(_ cluster: ParallelCluster, defaults: [String: String]) -> String {
        var tags = defaults
        tags.merge(cluster.origin.labels) { _, own in own }
        tags["Name"] = cluster.keyPair.name
        let template = JSON.object([
            "AWSTemplateFormatVersion": "2010-09-09",
            "Description": .string(
                "SSH key pair of ParallelCluster cluster \(cluster.name); the private key is in Parameter Store."),
            "Resources": .object([
                "KeyPair": .object([
                    "Type": "AWS::EC2::KeyPair",
                    "Properties": .object([
                        "KeyName": .string(cluster.keyPair.name), "KeyType": "ed25519",
                        "Tags": .array(
                            tags.sorted { $0.key < $1.key }.map {
                                .object(["Key": .string($0.key), "Value": .string($0.value)])
                            }),
                    ]),
                ])
            ]),
            "Outputs": .object([
                "KeyPairId": .object(["Value": .object(["Fn::GetAtt": .strings(["KeyPair", "KeyPairId"])])]),
                "KeyName": .object(["Value": .object(["Ref": "KeyPair"])]),
            ]),
        ])
        return JSONWriter.render(template)
    }
}
