/// What a ParallelCluster needs from its group's Terraform root: the CloudFormation stack that
/// creates its ED25519 key pair, and the cluster config with the deployment's ids swapped in for
/// the placeholders of `parallelcluster/<id>.yaml`.
enum AWSParallelClusterResources {
    static func emit(_ cluster: ParallelCluster, defaults: [String: String], into document: inout TerraformDocument, references: inout TerraformReferences) {
        let id = cluster.origin.module.rawValue
        document.resource("aws_cloudformation_stack", keyPairStack(id), [
            "name": .string(HCL.escapeTemplate(cluster.keyPair.stackName)),
            "template_body": .string(HCL.escapeTemplate(keyPairTemplate(cluster, defaults: defaults))),
            "tags": AWSTagging.tags(cluster.origin, name: cluster.keyPair.stackName, defaults: defaults),
        ])
        let config = ClusterConfigDocument(cluster)
        document.locals[template(id)] = .string(HCL.escapeTemplate(config.text))
        // Each placeholder is unique and as long as an AWS id, so no replacement can touch another.
        var expression = "local.\(template(id))"
        for placeholder in config.placeholders {
            expression = "replace(\(expression), \(HCL.quoted(placeholder.token)), \(references.hcl(placeholder.text)))"
        }
        document.locals[configured(id)] = .string(TerraformReferences.interpolation(expression))
    }

    /// The parallelcluster module's outputs over these resources.
    static func value(of output: ParallelClusterModule.Output, cluster: ParallelCluster, path: [Accessor]) -> OutputValue {
        let id = cluster.origin.module.rawValue
        return switch output {
        case .clusterConfig: .expression("local.\(configured(id))" + HCL.access(path))
        case .privateKeyParameter: .expression("\"/ec2/keypair/${aws_cloudformation_stack.\(keyPairStack(id)).outputs.KeyPairId}\"" + HCL.access(path))
        case .clusterName, .keyPairName: .known
        }
    }

    private static func keyPairStack(_ id: String) -> String { "\(id)_key_pair" }
    private static func template(_ id: String) -> String { "\(id)_cluster_config_template" }
    private static func configured(_ id: String) -> String { "\(id)_cluster_config" }

    /// `AWS::EC2::KeyPair` makes EC2 generate the key and put the private half in Parameter Store
    /// (`/ec2/keypair/<key pair id>`); CloudFormation hands back only the id.
    private static func keyPairTemplate(_ cluster: ParallelCluster, defaults: [String: String]) -> String {
        var tags = defaults
        tags.merge(cluster.origin.labels) { _, own in own }
        tags["Name"] = cluster.keyPair.name
        let template = JSON.object([
            "AWSTemplateFormatVersion": "2010-09-09",
            "Description": .string("SSH key pair of ParallelCluster cluster \(cluster.name); the private key is in Parameter Store."),
            "Resources": .object(["KeyPair": .object([
                "Type": "AWS::EC2::KeyPair",
                "Properties": .object([
                    "KeyName": .string(cluster.keyPair.name), "KeyType": "ed25519",
                    "Tags": .array(tags.sorted { $0.key < $1.key }.map { .object(["Key": .string($0.key), "Value": .string($0.value)]) }),
                ]),
            ])]),
            "Outputs": .object([
                "KeyPairId": .object(["Value": .object(["Fn::GetAtt": .strings(["KeyPair", "KeyPairId"])])]),
                "KeyName": .object(["Value": .object(["Ref": "KeyPair"])]),
            ]),
        ])
        return JSONWriter.render(template)
    }
}
