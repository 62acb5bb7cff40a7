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
