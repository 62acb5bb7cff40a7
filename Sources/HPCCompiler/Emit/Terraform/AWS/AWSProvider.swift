/// The `aws` provider of an AWS group: its region, and `default_tags` so every resource carries
/// the deployment's tags without repeating them.
enum AWSProvider {
    /// The AWS provider version range hpcc's output is written and checked against.
    static let version = ">= 5.100, < 6.0"

    static func configure(_ group: TerraformGroup, into document: inout TerraformDocument) {
        var aws: [String: JSON] = [:]
        if let region = group.region { aws["region"] = .string(region) }
        if !group.defaultTags.isEmpty {
            aws["default_tags"] = .array([
                .object(["tags": .object(group.defaultTags.mapValues { .string(HCL.escapeTemplate($0)) })])
            ])
        }
        document.providers["aws"] = .object(aws)
        document.requiredProviders["aws"] = .object(["source": "hashicorp/aws", "version": .string(version)])
    }
}
