/// `modules/network/pre-existing-vpc`: one module, whole.
enum PreExistingVPCModule: BuiltInModule {
    /// The module's own settings; the shared ones are `CommonKey`'s.
    enum Key {
        static let networkName = SettingKey<String>("network_name")
        static let subnetworkName = SettingKey<String>("subnetwork_name")
    }

    static let schema = ModuleSchema(
        source: "modules/network/pre-existing-vpc", cloud: .gcp,
        summary: "An existing VPC network and subnetwork, read through data sources",
        description: """
            Looks up a VPC network and one of its subnetworks that exist already (created by hand, by another \
            deployment, or a Shared VPC host project) and offers the same outputs as `modules/network/vpc`, so \
            every module that uses a network works unchanged with it. hpcc creates nothing for it: no subnetwork, \
            router, NAT or firewall rule.
            """,
        settings: [
            SettingSpec(
                CommonKey.project, .string, "Project that holds the network (the host project for a Shared VPC).",
                required: true,
                constraints: CommonSettings.project.constraints),
            CommonSettings.region,
            SettingSpec(
                Key.networkName, .string, "Name of the existing network.", default: .string("default"),
                constraints: [
                    .pattern(
                        "[a-z]([-a-z0-9]{0,61}[a-z0-9])?",
                        description: "a Compute Engine name (lowercase letters, digits, '-'; at most 63)")
                ]),
            SettingSpec(
                Key.subnetworkName, .string,
                "Name of the existing subnetwork in `region`; null means the network's name.",
                constraints: [.pattern("[a-z]([-a-z0-9]{0,61}[a-z0-9])?", description: "a Compute Engine name")]),
        ],
        outputs: outputSpecs,
        mustBeUsed: true
    )

    /// The module's outputs.
    enum Output: String, ModuleOutput {
        case networkName = "network_name"
        case networkID = "network_id"
        case networkSelfLink = "network_self_link"
        case subnetwork = "subnetwork"
        case subnetworkName = "subnetwork_name"
        case subnetworkSelfLink = "subnetwork_self_link"
        case subnetworkAddress = "subnetwork_address"

        var spec: (type: SettingType, description: String) {
            switch self {
            case .networkName: (.string, "Name of the network.")
            case .networkID: (.string, "Id of the network (`projects/P/global/networks/N`).")
            case .networkSelfLink: (.string, "Self link of the network.")
            case .subnetwork: (.map(.string), "The subnetwork: name, region, ip_cidr_range, self_link.")
            case .subnetworkName: (.string, "Name of the subnetwork.")
            case .subnetworkSelfLink: (.string, "Self link of the subnetwork.")
            case .subnetworkAddress: (.string, "Primary address range of the subnetwork (known after the lookup).")
            }
        }
    }

    static let exposedByDefault: [Output] = []

    /// Data sources only; the outputs are a vpc module's.
    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> ImportedNetwork? {
        guard let project = settings.read(CommonKey.project, diagnostics: &diagnostics),
            let region = settings.read(CommonKey.region, diagnostics: &diagnostics),
            let name = settings.read(Key.networkName, diagnostics: &diagnostics)
        else { return nil }
        let network = ImportedNetwork(
            origin: settings.origin(diagnostics: &diagnostics), project: project, name: name,
            subnetworkName: settings.read(Key.subnetworkName, diagnostics: &diagnostics) ?? name, region: region
        )
        settings.context.deployment.importedNetworks.append(network)
        settings.context.knownOutputs[settings.id] = knownOutputs(network)
        return network
    }

    /// Outputs known at compile time; the subnetwork's address range is known only after the lookup.
    static func knownOutputs(_ network: ImportedNetwork) -> [String: Value] {
        let base = "https://www.googleapis.com/compute/v1/projects/\(network.project)"
        let subnetLink = "\(base)/regions/\(network.region)/subnetworks/\(network.subnetworkName)"
        return [
            Output.networkName.rawValue: .string(network.name),
            Output.networkID.rawValue: .string(network.id),
            Output.networkSelfLink.rawValue: .string("\(base)/global/networks/\(network.name)"),
            Output.subnetworkName.rawValue: .string(network.subnetworkName),
            Output.subnetworkSelfLink.rawValue: .string(subnetLink),
        ]
    }

    static func emit(_ entity: ImportedNetwork, module: ModuleID, into roots: inout TerraformRoots) {
        roots.add(to: entity.origin.group) { _, document, references in NetworkResources.emit(entity, into: &document) }
    }

    static func value(of output: Output, entity: ImportedNetwork, module: ModuleID, path: [Accessor]) -> OutputValue {
        let network = NetworkResources.importedNetwork(module), subnet = NetworkResources.importedSubnetwork(module)
        let base =
            switch output {
            case .networkName: network.attribute("name")
            case .networkID: network.attribute("id")
            case .networkSelfLink: network.attribute("self_link")
            case .subnetworkName: subnet.attribute("name")
            case .subnetworkSelfLink: subnet.attribute("self_link")
            case .subnetworkAddress: subnet.attribute("ip_cidr_range")
            case .subnetwork: subnet.reference
            }
        return .expression(base + HCL.access(path))
    }
}
