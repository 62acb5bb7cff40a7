/// Lookups over the IR that the Terraform emitter needs: which group owns a module's resources,
/// what each module became, and which built-in module it is.
struct DeploymentIndex {
    let deployment: Deployment

    init(_ deployment: Deployment) {
        self.deployment = deployment
    }

    /// The group that owns `module`'s resources; nil for modules with no Terraform of their own.
    func group(of module: ModuleID) -> GroupName? {
        deployment.modules[module]?.terraformGroup
    }

    /// What `module` became, as `type`.
    func entity<Entity>(_ module: ModuleID, as type: Entity.Type) -> Entity? {
        deployment.modules[module]?.entity.as(type)
    }

    /// The value of `output` of `module`, with `path` applied; nil for a module that did not lower
    /// or an output it does not declare.
    func value(of output: String, module: ModuleID, path: [Accessor]) -> OutputValue? {
        guard let lowered = deployment.modules[module], let definition = BuiltInModules.definition(lowered.source)
        else { return nil }
        return definition.value(of: output, entity: lowered.entity, module: module, path: path)
    }
}
