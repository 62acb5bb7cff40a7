/// `modules/network/pre-existing-vpc` → `ImportedNetwork`: data sources only, the outputs of a vpc module.
enum PreExistingVPCLowering {
    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> ImportedNetwork? {
        let context = settings.context
        guard let project = settings.string("project_id", diagnostics: &diagnostics),
              let region = settings.string("region", diagnostics: &diagnostics),
              let name = settings.string("network_name", diagnostics: &diagnostics)
        else { return nil }
        let network = ImportedNetwork(
            origin: settings.origin(diagnostics: &diagnostics), project: project, name: name,
            subnetworkName: settings.string("subnetwork_name", diagnostics: &diagnostics) ?? name, region: region
        )
        context.deployment.importedNetworks.append(network)
        context.knownOutputs[settings.id] = outputs(network)
        return network
    }

    /// Outputs known at compile time; the subnetwork's address range is known only after the lookup.
    static func outputs(_ network: ImportedNetwork) -> [String: Value] {
        let base = "https://www.googleapis.com/compute/v1/projects/\(network.project)"
        let subnetLink = "\(base)/regions/\(network.region)/subnetworks/\(network.subnetworkName)"
        return [
            "network_name": .string(network.name),
            "network_id": .string(network.id),
            "network_self_link": .string("\(base)/global/networks/\(network.name)"),
            "subnetwork_name": .string(network.subnetworkName),
            "subnetwork_self_link": .string(subnetLink),
        ]
    }
}
