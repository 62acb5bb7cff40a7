/// The Terraform roots of a deployment while modules add to them: one document per group, and
/// the references each root makes (outputs it reads from earlier groups).
struct TerraformRoots {
    let index: DeploymentIndex
    private(set) var documents: [GroupName: TerraformDocument] = [:]
    private(set) var references: [GroupName: TerraformReferences] = [:]

    init(index: DeploymentIndex) {
        self.index = index
        for group in index.deployment.groups {
            documents[group.name] = TerraformDocument()
            references[group.name] = TerraformReferences(index: index, group: group.name)
        }
    }

    /// Runs `body` on the root of `group`, with the group's settings (provider tags, cloud).
    mutating func add(
        to group: GroupName, _ body: (TerraformGroup, inout TerraformDocument, inout TerraformReferences) -> Void
    ) {
        guard let settings = index.deployment.group(group), var document = documents.removeValue(forKey: group),
            var groupReferences = references.removeValue(forKey: group)
        else { return }
        body(settings, &document, &groupReferences)
        documents[group] = document
        references[group] = groupReferences
    }
}
