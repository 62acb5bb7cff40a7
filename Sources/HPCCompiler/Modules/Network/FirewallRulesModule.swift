/// `modules/network/firewall-rules`: ingress and egress rules added to a network that another
/// module creates or looks up, or that exists outside the blueprint.
enum FirewallRulesModule: BuiltInModule {
    enum Key {
        static let project = SettingKey<String>("project_id")
        static let networkName = SettingKey<String>("network_name")
        static let ingressRules = SettingKey<Value>("ingress_rules")
        static let egressRules = SettingKey<Value>("egress_rules")
    }

    /// One rule, as the Cluster Toolkit's module takes it (its direction is the list it is in).
    static let rule = SettingType.object([
        .required("name", .string),
        .optional("description", .string),
        .optional("disabled", .bool, .bool(false)),
        .optional("priority", .number),
        .optional("source_ranges", .list(.string), .list([])),
        .optional("destination_ranges", .list(.string), .list([])),
        .optional("source_tags", .list(.string)),
        .optional("source_service_accounts", .list(.string)),
        .optional("target_tags", .list(.string)),
        .optional("target_service_accounts", .list(.string)),
        .optional(
            "allow", .list(.object([.required("protocol", .string), .optional("ports", .list(.string))])), .list([])),
        .optional(
            "deny", .list(.object([.required("protocol", .string), .optional("ports", .list(.string))])), .list([])),
        .optional("log_config", .object([.required("metadata", .string)])),
    ])

    static let schema = ModuleSchema(
        source: "modules/network/firewall-rules", cloud: .gcp,
        summary: "Firewall rules (ingress and egress) on an existing network",
        description: """
            Adds Compute Engine firewall rules to the network of `subnetwork_self_link` (normally from a \
            `use`d vpc or pre-existing-vpc module). Each rule is checked before anything is applied: \
            its name, exactly one of `allow` or `deny`, protocols and ports, address ranges, that an \
            ingress rule names its sources and that tags and service accounts are not mixed; a rule that \
            opens SSH to the internet is warned about (HPC3049).
            """,
        settings: [
            SettingSpec(
                Key.project, .string, "Project of the rules; null means the subnetwork's project.",
                constraints: [
                    .pattern(
                        "[a-z][a-z0-9-]{4,28}[a-z0-9]",
                        description: "a GCP project id (6-30 lowercase letters, digits, '-')")
                ]),
            SettingSpec(
                CommonKey.subnetwork, .string,
                "The subnetwork whose network the rules apply to (normally from a `use`d network module).",
                required: true),
            SettingSpec(
                Key.networkName, .string,
                "The network, by name or self link; null means the network of `subnetwork_self_link`."),
            SettingSpec(
                Key.ingressRules, .list(rule), "Rules for traffic into the network's instances.", default: .list([])),
            SettingSpec(
                Key.egressRules, .list(rule), "Rules for traffic out of the network's instances.", default: .list([])),
        ],
        outputs: outputSpecs,
        mustBeUsed: false
    )

    typealias Output = NoOutput

    static let exposedByDefault: [Output] = []

    /// The rules and the network they belong to.
    struct Entity: Hashable, Sendable {
        var origin: Origin
        /// Nil: the provider's project (a subnetwork given by self link names its own).
        var project: String?
        /// The network, by name or self link.
        var network: TerraformText
        /// A subnetwork given only by its self link, looked up to find its network.
        var lookup: TerraformText?
        var rules: [FirewallRule]
    }

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> Entity? {
        guard let subnetwork = settings.subnetworkAttachment(CommonKey.subnetwork, diagnostics: &diagnostics) else {
            return nil
        }
        var project = settings.read(Key.project, diagnostics: &diagnostics)
        var lookup: TerraformText?
        var network = settings.text(Key.networkName)
        switch subnetwork {
        case let .module(module):
            network =
                network
                ?? TerraformText(parts: [
                    .reference(ModuleReference(module: module, output: "network_self_link", path: [], known: nil))
                ])
            project =
                project ?? settings.context.entities[module]?.as(Network.self)?.project
                ?? settings.context.entities[module]?.as(ImportedNetwork.self)?.project
        case let .external(text):
            if network == nil {
                lookup = text
                network = TerraformText(parts: [.raw(subnetworkLookup(settings.id).attribute("network"))])
            }
        }
        var rules: [FirewallRule] = []
        var names: Set<String> = []
        for (key, direction) in [(Key.ingressRules, FirewallDirection.ingress), (Key.egressRules, .egress)] {
            for (index, entry) in (settings.value(key).list ?? []).enumerated() {
                let reader = FirewallRuleReader(settings: settings, key: key, index: index)
                guard
                    let rule = reader.rule(
                        entry, direction: direction, sourceRanges: "source_ranges",
                        destinationRanges: "destination_ranges", diagnostics: &diagnostics)
                else { continue }
                guard names.insert(rule.name).inserted else {
                    diagnostics.report(
                        .duplicateName, "firewall rule '\(rule.name)' is defined twice in module '\(settings.id)'",
                        at: reader.location(.key("name")), help: "rule names are unique within a project")
                    continue
                }
                rules.append(rule)
            }
        }
        guard let network else { return nil }
        return Entity(
            origin: settings.origin(diagnostics: &diagnostics), project: project, network: network, lookup: lookup,
            rules: rules)
    }

    /// The subnetwork a self link names, looked up for its network.
    static func subnetworkLookup(_ module: ModuleID) -> TerraformAddress {
        .data("google_compute_subnetwork", module.rawValue)
    }

    static func emit(_ entity: Entity, module: ModuleID, into roots: inout TerraformRoots) {
        roots.add(to: entity.origin.group) { _, document, references in
            if let lookup = entity.lookup {
                document.data(subnetworkLookup(module), ["self_link": references.json(lookup)])
            }
            let network = references.json(entity.network)
            for rule in entity.rules {
                let body = FirewallResources.body(
                    rule, project: entity.project, network: network, references: &references)
                document.resource(NetworkResources.firewall(module, rule), body)
            }
        }
    }
}
