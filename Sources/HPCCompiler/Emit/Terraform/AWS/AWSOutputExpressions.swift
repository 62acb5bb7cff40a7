/// Outputs of the aws-vpc module as expressions over its resources.
enum AWSOutputExpressions {
    static func network(_ network: AWSNetwork, id: String, output: String, path: [Accessor]) -> String? {
        let subnets = network.privateSubnets.indices.map { "aws_subnet.\(AWSNames.privateSubnet(id, $0)).id" }
        switch output {
        case "vpc_id": return "aws_vpc.\(id).id" + HCL.access(path)
        case "subnet_id": return subnets[0] + HCL.access(path)
        case "security_group_id": return "aws_security_group.\(AWSNames.clusterGroup(id)).id" + HCL.access(path)
        case "public_subnet_id": return (network.publicSubnet == nil ? "null" : "aws_subnet.\(AWSNames.publicSubnet(id)).id") + HCL.access(path)
        case "private_subnet_ids":
            // A single element is addressed directly, so references stay readable.
            if case let .index(index)? = path.first, subnets.indices.contains(index) {
                return subnets[index] + HCL.access(Array(path.dropFirst()))
            }
            return "[" + subnets.joined(separator: ", ") + "]" + HCL.access(path)
        default: return nil
        }
    }
}

/// Terraform resource names of the AWS resources, derived from module ids.
enum AWSNames {
    static func privateSubnet(_ module: String, _ index: Int) -> String { "\(module)_private_\(index)" }
    static func publicSubnet(_ module: String) -> String { "\(module)_public" }
    static func clusterGroup(_ module: String) -> String { "\(module)_cluster" }
    static func endpointGroup(_ module: String) -> String { "\(module)_endpoints" }
    static func privateRoutes(_ module: String) -> String { "\(module)_private" }
    static func publicRoutes(_ module: String) -> String { "\(module)_public" }
    /// `ecr.api` → `<module>_ecr_api`.
    static func endpoint(_ module: String, _ service: String) -> String {
        module + "_" + TerraformName.sanitize(service)
    }
}

/// Tags of one AWS resource: its `Name`, and the module's labels the provider's `default_tags` do not already carry.
enum AWSTagging {
    static func tags(_ origin: Origin, name: String, defaults: [String: String]) -> JSON {
        var tags = origin.labels.filter { defaults[$0.key] != $0.value }
        tags["Name"] = name
        return .object(tags.mapValues { .string(HCL.escapeTemplate($0)) })
    }
}
