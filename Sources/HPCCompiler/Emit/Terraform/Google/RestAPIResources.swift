/// A Google Cloud cluster's REST API: its files in the deployment bucket, a network tag on the
/// controller, and two firewall rules on the controller's network. The VPC's own rule admits all
/// internal traffic at priority 1000, so the allow rule for `allowed_clients` is followed by a deny
/// rule for everyone else, both ahead of it.
enum RestAPIResources {
    static let allowPriority = 900
    static let denyPriority = 910

    /// The network tag the rules target: the controller's only.
    static func tag(_ cluster: SlurmCluster) -> String { "\(cluster.name)-slurmrestd" }

    static func controllerTags(_ cluster: SlurmCluster) -> [String] {
        cluster.restAPI == nil ? [] : [tag(cluster)]
    }

    /// The unit and the JWKS (or the unit that fetches it), next to slurm.conf in the bucket.
    static func bucketFiles(_ cluster: SlurmCluster) -> [(String, String)] {
        guard let api = cluster.restAPI else { return [] }
        switch api.keys {
        case .document: return [("slurmrestd_unit", "slurmrestd.service"), ("jwks", "jwks.json")]
        case .url: return [("slurmrestd_unit", "slurmrestd.service"), ("jwks_fetch_unit", "jwks-fetch.service")]
        }
    }

    /// A subnetwork given by self link, looked up for its network.
    static func subnetworkLookup(_ module: ModuleID) -> TerraformAddress {
        .data("google_compute_subnetwork", "\(module.rawValue)_slurmrestd")
    }

    static func firewall(_ module: ModuleID, _ rule: FirewallRule) -> TerraformAddress {
        TerraformAddress(
            "google_compute_firewall", "\(module.rawValue)_\(rule.name.replacingOccurrences(of: "-", with: "_"))")
    }

    static func rules(_ cluster: SlurmCluster, _ api: SlurmRestAPI) -> [FirewallRule] {
        let port = [FirewallPermission(protocolName: "tcp", ports: [String(api.port)])]
        return [
            FirewallRule(
                name: "\(cluster.name)-slurmrestd-allow",
                description: "Slurm REST API of cluster \(cluster.name): its clients", direction: .ingress,
                priority: allowPriority, sourceRanges: api.allowedClients.map(TerraformText.init),
                targetTags: [tag(cluster)], allow: port),
            FirewallRule(
                name: "\(cluster.name)-slurmrestd-deny",
                description: "Slurm REST API of cluster \(cluster.name): no one else", direction: .ingress,
                priority: denyPriority, sourceRanges: [TerraformText("0.0.0.0/0")], targetTags: [tag(cluster)],
                deny: port),
        ]
    }

    static func emitFirewall(
        _ cluster: SlurmCluster, into document: inout TerraformDocument, references: inout TerraformReferences
    ) {
        guard let api = cluster.restAPI else { return }
        let module = cluster.origin.module
        let network: JSON
        switch cluster.controller.instance.subnetwork {
        case let .module(vpc):
            network = references.json(
                TerraformText(parts: [
                    .reference(ModuleReference(module: vpc, output: "network_self_link", path: [], known: nil))
                ]))
        case let .external(selfLink):
            document.data(subnetworkLookup(module), ["self_link": references.json(selfLink)])
            network = .string(subnetworkLookup(module).interpolation("network"))
        }
        for rule in rules(cluster, api) {
            document.resource(
                firewall(module, rule),
                FirewallResources.body(
                    rule, project: cluster.controller.instance.project, network: network, references: &references))
        }
    }
}
