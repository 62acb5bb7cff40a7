extension ModuleSchema {
    /// `modules/network/pre-existing-vpc`.
    static let preExistingVPC = ModuleSchema(
        source: "modules/network/pre-existing-vpc", kind: .preExistingVPC, cloud: .gcp,
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
        outputs: [
            OutputSpec("network_name", .string, "Name of the network."),
            OutputSpec("network_id", .string, "Id of the network (`projects/P/global/networks/N`)."),
            OutputSpec("network_self_link", .string, "Self link of the network."),
            OutputSpec("subnetwork", .map(.string), "The subnetwork: name, region, ip_cidr_range, self_link."),
            OutputSpec("subnetwork_name", .string, "Name of the subnetwork."),
            OutputSpec("subnetwork_self_link", .string, "Self link of the subnetwork."),
            OutputSpec("subnetwork_address", .string, "Primary address range of the subnetwork (known after the lookup)."),
        ],
        mustBeUsed: true
    )
}
