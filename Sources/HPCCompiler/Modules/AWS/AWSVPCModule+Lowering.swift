/// The checks of an aws-vpc module's zones, endpoints and peering.
extension AWSVPCModule {
    /// Availability zones are the region's name plus a letter, each named once.
    static func checkZones(
        _ zones: [String], region: String, settings: SettingReader, diagnostics: inout Diagnostics
    ) -> Bool {
        let at = settings.location(Key.availabilityZones)
        guard !zones.isEmpty else {
            diagnostics.report(
                .missingSetting, "module '\(settings.id)' needs at least one availability zone", at: at,
                help: "e.g. availability_zones: [\(region)a, \(region)b]")
            return false
        }
        var ok = true
        for zone in zones where !Pattern.matches(zone, RegexText.escape(region) + "[a-z]") {
            diagnostics.report(
                .zoneNotInRegion, "availability zone '\(zone)' is not in region '\(region)'", at: at,
                help: "zones of \(region) are named \(region)a, \(region)b, ...")
            ok = false
        }
        if let repeated = zones.enumerated().first(where: { zones[..<$0.offset].contains($0.element) })?.element {
            diagnostics.report(
                .duplicateName, "availability zone '\(repeated)' is listed twice; each zone gets one private subnet",
                at: at)
            ok = false
        }
        return ok
    }

    /// Endpoint service names: the last part of `com.amazonaws.<region>.<service>`.
    static func services(
        _ key: SettingKey<[String]>, settings: SettingReader, diagnostics: inout Diagnostics
    ) -> [String] {
        let services = settings.read(defaulted: key, diagnostics: &diagnostics)
        let name = key.name
        for service in services where !Pattern.matches(service, "[a-z0-9][a-z0-9.-]*") {
            diagnostics.report(
                .constraintViolation, "'\(service)' in '\(name)' of module '\(settings.id)' is not an AWS service name",
                at: settings.location(key),
                help: "write the part after com.amazonaws.<region>., e.g. ec2 or ecr.api")
        }
        if key == Key.gatewayEndpoints {
            for service in services where !AWSEndpoints.gateway.contains(service) {
                diagnostics.report(
                    .constraintViolation, "AWS has no gateway endpoint for '\(service)'", at: settings.location(key),
                    help:
                        """
                        gateway endpoints exist for \(AWSEndpoints.gateway.joined(separator: " and ")); list \
                        '\(service)' under interface_endpoints
                        """
                )
            }
        }
        if let repeated = services.enumerated().first(where: { services[..<$0.offset].contains($0.element) })?.element {
            diagnostics.report(
                .duplicateName, "'\(repeated)' is listed twice in '\(name)' of module '\(settings.id)'",
                at: settings.location(key))
        }
        return services
    }

    /// The interface endpoints: the listed ones, then Session Manager's that are not listed already.
    static func interfaceServices(_ settings: SettingReader, diagnostics: inout Diagnostics) -> [String] {
        let listed = services(Key.interfaceEndpoints, settings: settings, diagnostics: &diagnostics)
        guard settings.read(defaulted: Key.sessionManager, diagnostics: &diagnostics) else { return listed }
        return listed + AWSEndpoints.sessionManager.filter { !listed.contains($0) }
    }

    /// The peering the blueprint asks for, when its VPC id and range are valid and the range does not overlap `vpc`.
    static func peering(_ settings: SettingReader, vpc: CIDR, diagnostics: inout Diagnostics) -> AWSPeering? {
        guard let fields = settings.read(Key.peering, diagnostics: &diagnostics)?.map,
            let peerVPC = fields["peer_vpc_id"]?.string, let peerCIDRText = fields["peer_cidr"]?.string
        else { return nil }
        let at = settings.location(Key.peering)
        guard Pattern.matches(peerVPC, "vpc-[0-9a-f]{8,17}") else {
            diagnostics.report(
                .constraintViolation, "peer_vpc_id '\(peerVPC)' is not a VPC id", at: at,
                help: "a VPC id looks like vpc-0123456789abcdef0")
            return nil
        }
        guard let peerCIDR = CIDR(peerCIDRText) else {
            diagnostics.report(.invalidNetworkRange, "peer_cidr '\(peerCIDRText)' is not an IPv4 CIDR block", at: at)
            return nil
        }
        guard !peerCIDR.overlaps(vpc) else {
            diagnostics.report(
                .invalidNetworkRange,
                "peer_cidr \(peerCIDR) overlaps vpc_cidr \(vpc); AWS cannot peer overlapping VPCs", at: at)
            return nil
        }
        return AWSPeering(
            peerVPCID: peerVPC, peerCIDR: peerCIDR.description, autoAccept: fields["auto_accept"]?.bool ?? false)
    }
}

/// Regular-expression escaping for names spliced into a pattern.
enum RegexText {
    static func escape(_ text: String) -> String {
        String(text.flatMap { "\\^$.|?*+()[]{}".contains($0) ? ["\\", $0] : [$0] })
    }
}
