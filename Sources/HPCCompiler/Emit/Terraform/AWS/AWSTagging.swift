/// Tags of one AWS resource: its `Name`, and the module's labels the provider's `default_tags` do not already carry.
enum AWSTagging {
    static func tags(_ origin: Origin, name: String, defaults: [String: String]) -> JSON {
        var tags = origin.labels.filter { defaults[$0.key] != $0.value }
        tags["Name"] = name
        return .object(tags.mapValues { .string(HCL.escapeTemplate($0)) })
    }
}
