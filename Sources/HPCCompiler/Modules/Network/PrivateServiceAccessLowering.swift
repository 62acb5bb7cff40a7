/// `modules/network/private-service-access` → `PrivateServiceAccess`.
enum PrivateServiceAccessLowering {
    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> PrivateServiceAccess? {
        let context = settings.context
        guard let project = settings.string("project_id", diagnostics: &diagnostics),
              let network = settings.networkAttachment("network_id", diagnostics: &diagnostics)
        else { return nil }
        let prefix = settings.int("prefix_length", diagnostics: &diagnostics) ?? 16
        let address = settings.string("address", diagnostics: &diagnostics)
        if let address, CIDR("\(address)/\(prefix)") == nil {
            diagnostics.report(.invalidNetworkRange, "address '\(address)' is not the start of a /\(prefix) block", at: settings.location("address"))
        }
        let deletionPolicy = settings.string("deletion_policy", diagnostics: &diagnostics)
        let access = PrivateServiceAccess(
            origin: settings.origin(diagnostics: &diagnostics), project: project,
            addressName: ResourceName.make(ResourceName.autoName(context.deployment.name), settings.id.rawValue),
            network: network, address: address, prefixLength: prefix,
            service: settings.string("service_name", diagnostics: &diagnostics) ?? "servicenetworking.googleapis.com",
            deletionPolicy: deletionPolicy?.isEmpty == true ? nil : deletionPolicy
        )
        context.deployment.privateServiceAccesses.append(access)
        var known: [String: Value] = [
            "connect_mode": .string("PRIVATE_SERVICE_ACCESS"),
            "reserved_ip_range": .string(access.addressName),
        ]
        if let address { known["cidr_range"] = .string("\(address)/\(prefix)") }
        context.knownOutputs[settings.id] = known
        return access
    }
}
