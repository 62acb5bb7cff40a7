/// A `google_compute_firewall` body: the one shape every module that makes firewall rules emits.
enum FirewallResources {
    /// The rule on `network` (name, self link or an expression for either); `project` nil means
    /// the provider's.
    static func body(
        _ rule: FirewallRule, project: String?, network: JSON, references: inout TerraformReferences
    ) -> [String: JSON] {
        func permissions(_ list: [FirewallPermission]) -> JSON {
            list.isEmpty
                ? .null
                : .array(
                    list.map { permission in
                        .object(
                            [
                                "protocol": .string(permission.protocolName),
                                "ports": permission.ports.isEmpty ? .null : .strings(permission.ports),
                            ]
                            .filter { $0.value != .null })
                    })
        }
        func texts(_ list: [TerraformText]) -> JSON {
            list.isEmpty ? .null : .array(list.map { references.json($0) })
        }
        return [
            "name": .string(rule.name),
            "project": project.map(JSON.string) ?? .null,
            "network": network,
            "description": rule.description.map { .string(HCL.escapeTemplate($0)) } ?? .null,
            "direction": .string(rule.direction.rawValue),
            "priority": rule.priority.map(JSON.int) ?? .null,
            "disabled": .when(rule.disabled, true),
            "source_ranges": texts(rule.sourceRanges),
            "destination_ranges": texts(rule.destinationRanges),
            "source_tags": .when(!rule.sourceTags.isEmpty, .strings(rule.sourceTags)),
            "target_tags": .when(!rule.targetTags.isEmpty, .strings(rule.targetTags)),
            "source_service_accounts": texts(rule.sourceServiceAccounts),
            "target_service_accounts": texts(rule.targetServiceAccounts),
            "allow": permissions(rule.allow),
            "deny": permissions(rule.deny),
            "log_config": rule.logMetadata.map { .array([["metadata": .string($0)]]) } ?? .null,
        ]
    }
}
