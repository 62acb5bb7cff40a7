extension ModuleSchema {
    /// `modules/network/private-service-access`.
    static let privateServiceAccess = ModuleSchema(
        source: "modules/network/private-service-access", kind: .privateServiceAccess, cloud: .gcp,
        summary: "Private services access: a reserved range peered to Google's service producers",
        description: """
        Reserves an internal address range in the VPC and connects it to a service producer (Service \
        Networking by default), so that Filestore in PRIVATE_SERVICE_ACCESS mode and Managed Lustre get \
        addresses from it.
        """,
        settings: [
            CommonSettings.project, CommonSettings.labels, CommonSettings.networkID,
            SettingSpec("address", .string, "First address of the reserved range; null lets Google choose."),
            SettingSpec("prefix_length", .number, "Prefix length of the reserved range.", default: .int(16), constraints: [.integer, .range(min: 8, max: 29)]),
            SettingSpec("service_name", .string, "The service producer to peer with.", default: .string("servicenetworking.googleapis.com")),
            SettingSpec("deletion_policy", .string, "`ABANDON` leaves the peering in place when Terraform destroys the connection.", constraints: [.oneOf(["", "ABANDON"])]),
        ],
        outputs: [
            OutputSpec("private_vpc_connection_peering", .string, "Name of the peering the connection created."),
            OutputSpec("connect_mode", .string, "`PRIVATE_SERVICE_ACCESS`, for Filestore's `connect_mode`."),
            OutputSpec("reserved_ip_range", .string, "Name of the reserved range, for Filestore's `reserved_ip_range`."),
            OutputSpec("cidr_range", .string, "The reserved range as CIDR."),
        ],
        mustBeUsed: false
    )
}
