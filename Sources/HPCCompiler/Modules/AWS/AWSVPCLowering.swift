/// `modules/network/aws-vpc` → `AWSNetwork`: subnets carved from the VPC CIDR (one private per
/// availability zone, then the optional public one), checked to fit and not to overlap a peer.
enum AWSVPCLowering {
    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> AWSNetwork? {
        let context = settings.context
        guard let region = settings.string("region", diagnostics: &diagnostics),
              let deployment = settings.string("deployment_name", diagnostics: &diagnostics),
              let cidrText = settings.string("vpc_cidr", diagnostics: &diagnostics),
              let privateBits = settings.int("private_subnet_new_bits", diagnostics: &diagnostics),
              let publicBits = settings.int("public_subnet_new_bits", diagnostics: &diagnostics)
        else { return nil }
        let zones = settings.strings("availability_zones", diagnostics: &diagnostics)
        // A range that is wrong is reported, and the network still lowers with a stand-in range
        // (flawed, never emitted), so the modules in it are checked in the same run.
        let cidr = CIDR(cidrText).flatMap { (16...28).contains($0.prefix) ? $0 : nil }
        if cidr == nil {
            diagnostics.report(.invalidNetworkRange, "vpc_cidr '\(cidrText)' is not an IPv4 CIDR block from /16 to /28", at: settings.location("vpc_cidr"),
                               help: "write it as a.b.c.d/n with the host bits zero, e.g. 10.0.0.0/16")
        }
        guard checkZones(zones, region: region, settings: settings, diagnostics: &diagnostics) || !zones.isEmpty else { return nil }
        let withPublic = settings.bool("enable_public_subnet", diagnostics: &diagnostics) ?? false
        let bits = Array(repeating: privateBits, count: zones.count) + (withPublic ? [publicBits] : [])
        var blocks = cidr.flatMap { $0.subnets(newBits: bits) }.flatMap { $0.allSatisfy { $0.prefix <= 28 } ? $0 : nil }
        if let cidr, blocks == nil {
            diagnostics.report(.invalidNetworkRange, "\(zones.count) private subnet\(zones.count == 1 ? "" : "s") of /\(cidr.prefix + privateBits)"
                               + (withPublic ? " and a public /\(cidr.prefix + publicBits)" : "") + " do not fit in \(cidr) (AWS subnets are /16 to /28)",
                               at: settings.location(settings.isExplicit("private_subnet_new_bits") ? "private_subnet_new_bits" : "vpc_cidr"),
                               help: "use fewer new bits or a larger vpc_cidr")
        }
        blocks = blocks ?? CIDR.standIn.subnets(newBits: Array(repeating: 16, count: bits.count))
        guard let blocks else { return nil }
        let network = AWSNetwork(
            origin: settings.origin(diagnostics: &diagnostics),
            name: settings.string("vpc_name", diagnostics: &diagnostics) ?? "\(ResourceName.autoName(deployment))-vpc",
            region: region, cidr: (cidr ?? CIDR.standIn).description,
            privateSubnets: zip(zones, blocks).map { AWSSubnet(availabilityZone: $0.0, cidr: $0.1.description) },
            publicSubnet: withPublic ? AWSSubnet(availabilityZone: zones[0], cidr: blocks[zones.count].description) : nil,
            gatewayEndpoints: services("gateway_endpoints", settings: settings, diagnostics: &diagnostics),
            interfaceEndpoints: services("interface_endpoints", settings: settings, diagnostics: &diagnostics),
            peering: cidr.flatMap { peering(settings, vpc: $0, diagnostics: &diagnostics) }
        )
        context.deployment.awsNetworks.append(network)
        context.knownOutputs[settings.id] = [
            "vpc_cidr": .string(network.cidr),
            "availability_zones": .list(zones.map(Value.string)),
        ]
        return network
    }

    /// Availability zones are the region's name plus a letter, each named once.
    private static func checkZones(_ zones: [String], region: String, settings: SettingReader, diagnostics: inout Diagnostics) -> Bool {
        let at = settings.location("availability_zones")
        guard !zones.isEmpty else {
            diagnostics.report(.missingSetting, "module '\(settings.id)' needs at least one availability zone", at: at, help: "e.g. availability_zones: [\(region)a, \(region)b]")
            return false
        }
        var ok = true
        for zone in zones where !Pattern.matches(zone, RegexText.escape(region) + "[a-z]") {
            diagnostics.report(.zoneNotInRegion, "availability zone '\(zone)' is not in region '\(region)'", at: at, help: "zones of \(region) are named \(region)a, \(region)b, ...")
            ok = false
        }
        if let repeated = zones.enumerated().first(where: { zones[..<$0.offset].contains($0.element) })?.element {
            diagnostics.report(.duplicateName, "availability zone '\(repeated)' is listed twice; each zone gets one private subnet", at: at)
            ok = false
        }
        return ok
    }

    /// Endpoint service names: the last part of `com.amazonaws.<region>.<service>`.
    private static func services(_ name: String, settings: SettingReader, diagnostics: inout Diagnostics) -> [String] {
        let services = settings.strings(name, diagnostics: &diagnostics)
        for service in services where !Pattern.matches(service, "[a-z0-9][a-z0-9.-]*") {
            diagnostics.report(.constraintViolation, "'\(service)' in '\(name)' of module '\(settings.id)' is not an AWS service name", at: settings.location(name),
                               help: "write the part after com.amazonaws.<region>., e.g. ec2 or ecr.api")
        }
        if name == "gateway_endpoints" {
            for service in services where !AWSEndpoints.gateway.contains(service) {
                diagnostics.report(.constraintViolation, "AWS has no gateway endpoint for '\(service)'", at: settings.location(name),
                                   help: "gateway endpoints exist for \(AWSEndpoints.gateway.joined(separator: " and ")); list '\(service)' under interface_endpoints")
            }
        }
        if let repeated = services.enumerated().first(where: { services[..<$0.offset].contains($0.element) })?.element {
            diagnostics.report(.duplicateName, "'\(repeated)' is listed twice in '\(name)' of module '\(settings.id)'", at: settings.location(name))
        }
        return services
    }

    private static func peering(_ settings: SettingReader, vpc: CIDR, diagnostics: inout Diagnostics) -> AWSPeering? {
        guard let fields = settings.literal("peering", diagnostics: &diagnostics)?.map,
              let peerVPC = fields["peer_vpc_id"]?.string, let peerCIDRText = fields["peer_cidr"]?.string else { return nil }
        let at = settings.location("peering")
        guard Pattern.matches(peerVPC, "vpc-[0-9a-f]{8,17}") else {
            diagnostics.report(.constraintViolation, "peer_vpc_id '\(peerVPC)' is not a VPC id", at: at, help: "a VPC id looks like vpc-0123456789abcdef0")
            return nil
        }
        guard let peerCIDR = CIDR(peerCIDRText) else {
            diagnostics.report(.invalidNetworkRange, "peer_cidr '\(peerCIDRText)' is not an IPv4 CIDR block", at: at)
            return nil
        }
        guard !peerCIDR.overlaps(vpc) else {
            diagnostics.report(.invalidNetworkRange, "peer_cidr \(peerCIDR) overlaps vpc_cidr \(vpc); AWS cannot peer overlapping VPCs", at: at)
            return nil
        }
        return AWSPeering(peerVPCID: peerVPC, peerCIDR: peerCIDR.description, autoAccept: fields["auto_accept"]?.bool ?? false)
    }
}

/// Regular-expression escaping for names spliced into a pattern.
enum RegexText {
    static func escape(_ text: String) -> String {
        String(text.flatMap { "\\^$.|?*+()[]{}".contains($0) ? ["\\", $0] : [$0] })
    }
}
