/// Where Packer modules may stand. A Packer module's group becomes a Packer template instead of a
/// Terraform root, so the group holds that module alone (as in Cluster Toolkit), and `kind`, when
/// written, must say what the module is: hpcc builds only its own packer module with Packer.
enum PackerGroups {
    static func check(_ resolved: ResolvedBlueprint, diagnostics: inout Diagnostics) {
        let packerSource = CustomImageModule.schema.source
        var packerModules: [GroupName: ModuleID] = [:]
        for module in resolved.modules where module.schema.source == packerSource {
            packerModules[module.declaration.group] = packerModules[module.declaration.group] ?? module.id
        }
        for module in resolved.modules {
            let isPacker = module.schema.source == packerSource
            if let kind = module.declaration.kind {
                if kind.value == "packer", !isPacker {
                    diagnostics.report(
                        .unsupportedModuleKind,
                        "module '\(module.id)' (\(module.schema.source)) is not a packer module; hpcc builds only "
                            + "\(packerSource) with Packer",
                        at: kind.location, help: "remove 'kind: packer'")
                } else if kind.value == "terraform", isPacker {
                    diagnostics.report(
                        .unsupportedModuleKind, "\(packerSource) is a packer module, not a terraform one",
                        at: kind.location, help: "write 'kind: packer'")
                }
            }
            if let packer = packerModules[module.declaration.group], packer != module.id {
                diagnostics.report(
                    .unsupportedModuleKind,
                    "group '\(module.declaration.group)' builds image '\(packer)' with Packer and can hold no other "
                        + "module, such as '\(module.id)'",
                    at: module.declaration.id.location,
                    help: "put '\(module.id)' in a group of its own; a later group can use the image")
            }
        }
    }
}
