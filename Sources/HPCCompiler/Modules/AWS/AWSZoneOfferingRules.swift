/// An instance type put into an availability zone that does not offer it, found offline from the
/// offerings moto records (`AWSInstanceCatalog.zones(offering:in:)`). EC2 answers such a launch with
/// `Unsupported`, which ParallelCluster and EKS report only once the deployment is half made.
/// A zone or region the offerings do not cover is passed over: missing data is not a finding.
enum AWSZoneOfferingRules {
    /// Reports `type` when a zone of `subnets` does not offer it; `what` names where it runs
    /// (`queue 'mpi'`). Subnets given by id are skipped, as hpcc cannot know their zones offline.
    static func check(
        _ type: String, as what: String, in subnets: [TerraformText], context: LoweringContext,
        at location: SourceLocation, help: String, diagnostics: inout Diagnostics
    ) {
        var lacking: [String] = []
        var offering: [String] = []
        var region = ""
        for subnet in subnets {
            guard let placement = placement(of: subnet, context: context),
                AWSInstanceCatalog.zones(in: placement.region)?.contains(placement.zone) == true,
                let offered = AWSInstanceCatalog.zones(offering: type, in: placement.region)
            else { continue }
            if !offered.contains(placement.zone), !lacking.contains(placement.zone) { lacking.append(placement.zone) }
            (region, offering) = (placement.region, offered)
        }
        guard !lacking.isEmpty else { return }
        let zones =
            lacking.count == 1
            ? "availability zone \(lacking[0])" : "availability zones \(InstanceLowering.listed(lacking))"
        let offers = offering.count == 1 ? "offers" : "offer"
        diagnostics.report(
            .instanceTypeNotInZone,
            "\(type) of \(what) is not offered in \(zones); "
                + (offering.isEmpty
                    ? "\(region) offers it in none of its zones"
                    : "in \(region) only \(InstanceLowering.listed(offering)) \(offers) it"),
            at: location, help: help)
    }

    /// The zone and region of `subnet` when it is a private subnet of an aws-vpc module of this
    /// blueprint; nil for anything else.
    static func placement(of subnet: TerraformText, context: LoweringContext) -> (zone: String, region: String)? {
        guard subnet.parts.count == 1, case let .reference(reference) = subnet.parts[0],
            reference.output == AWSVPCModule.Output.privateSubnetIDs.rawValue,
            reference.path.count == 1, case let .index(index) = reference.path[0],
            let network = context.entities[reference.module]?.as(AWSNetwork.self),
            network.privateSubnets.indices.contains(index)
        else { return nil }
        return (network.privateSubnets[index].availabilityZone, network.region)
    }
}
