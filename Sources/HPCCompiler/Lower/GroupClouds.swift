/// Which cloud each Terraform root provisions on. A root has one default provider
/// configuration, and its labels/tags, names and network references differ per cloud, so a
/// group holds GCP modules or AWS modules, never both (an error at the first module of the
/// minority cloud); a group of cloud-neutral modules stays a GCP root, as before AWS existed.
/// An AWS group provisions in one region, the one its modules name.
enum GroupClouds {
    static func assign(to deployment: inout Deployment, resolved: ResolvedBlueprint, diagnostics: inout Diagnostics) {
        let userLabels = resolved.variables["labels"]?.map?.compactMapValues { Conformance.scalarText($0) } ?? [:]
        for index in deployment.groups.indices {
            let name = deployment.groups[index].name
            let members = resolved.modules.filter { $0.declaration.group == name }
            // A group of modules that describe existing machines only has no Terraform root.
            if members.contains(where: { $0.schema.cloud == .onPremises }),
                members.allSatisfy({ $0.schema.cloud == .onPremises || $0.schema.cloud == .any })
            {
                deployment.groups[index].cloud = .onPremises
                continue
            }
            let modules = members.filter { $0.schema.cloud != .any && $0.schema.cloud != .onPremises }
            guard let first = modules.first else { continue }
            if let other = modules.first(where: { $0.schema.cloud != first.schema.cloud }) {
                diagnostics.report(
                    .mixedClouds,
                    """
                    group '\(name)' mixes \(first.schema.cloud.rawValue) module '\(first.id)' with \
                    \(other.schema.cloud.rawValue) module '\(other.id)'
                    """,
                    at: other.declaration.id.location,
                    help:
                        """
                        put the \(other.schema.cloud.rawValue) modules in a group of their own; later groups can read \
                        earlier groups' outputs
                        """
                )
                continue
            }
            guard first.schema.cloud == .aws else { continue }
            deployment.groups[index].cloud = .aws
            // The group's one aws provider takes the region its modules name (a blueprint with a GCP
            // group keeps the GCP region in vars.region, and its AWS modules set their own).
            let regions = modules.compactMap { module in module.value(AWSKey.region.name).string.map { (module, $0) } }
            if let (_, region) = regions.first {
                deployment.groups[index].region = region
                if let (other, otherRegion) = regions.first(where: { $0.1 != region }) {
                    diagnostics.report(
                        .mixedClouds,
                        """
                        module '\(other.id)' is in region \(otherRegion), but group '\(name)' already provisions in \
                        \(region)
                        """,
                        at: other.location(of: AWSKey.region.name),
                        help:
                            """
                            a group has one aws provider and so one region; put modules of other regions in a group of \
                            their own
                            """
                    )
                }
            }
            var tags = [
                "hpcc_blueprint": deployment.blueprintName, "hpcc_deployment": LabelValue.sanitize(deployment.name),
            ]
            tags.merge(userLabels) { _, user in user }
            deployment.groups[index].defaultTags = tags
        }
    }
}
