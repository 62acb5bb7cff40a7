/// `modules/network/pre-existing-vpc`: one module, whole.
enum PreExistingVPCModule: BuiltInModule {
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
            SettingSpec("project_id", .string, "Project that holds the network (the host project for a Shared VPC).", required: true,
                        constraints: CommonSettings.project.constraints),
            CommonSettings.region,
            SettingSpec("network_name", .string, "Name of the existing network.", default: .string("default"),
                        constraints: [.pattern("[a-z]([-a-z0-9]{0,61}[a-z0-9])?", description: "a Compute Engine name (lowercase letters, digits, '-'; at most 63)")]),
            SettingSpec("subnetwork_name", .string, "Name of the existing subnetwork in `region`; null means the network's name.",
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

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> ImportedNetwork? {
        PreExistingVPCLowering.lower(settings, diagnostics: &diagnostics)
    }

    static func emit(_ entity: ImportedNetwork, module: ModuleID, into roots: inout TerraformRoots) {
        roots.add(to: entity.origin.group) { _, document, references in NetworkResources.emit(entity, into: &document) }
    }

    static func value(of output: Output, entity: ImportedNetwork, module: ModuleID, path: [Accessor]) -> OutputValue {
        let network = "data.google_compute_network.\(module.rawValue)"
        let subnet = "data.google_compute_subnetwork.\(module.rawValue)"
        let base = switch output {
        case .networkName: "\(network).name"
        case .networkID: "\(network).id"
        case .networkSelfLink: "\(network).self_link"
        case .subnetworkName: "\(subnet).name"
        case .subnetworkSelfLink: "\(subnet).self_link"
        case .subnetworkAddress: "\(subnet).ip_cidr_range"
        case .subnetwork: subnet
        }
        return .expression(base + HCL.access(path))
    }
}
