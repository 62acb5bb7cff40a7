/// `community/modules/scripts/wait-for-startup`: one module, whole.
enum WaitForStartupModule: BuiltInModule {
    /// The module's own settings; the shared ones are `CommonKey`'s.
    enum Key {
        static let instanceName = SettingKey<String>("instance_name")
        static let instanceNames = SettingKey<Value>("instance_names")
        static let timeout = SettingKey<Int>("timeout")
        static let gcloudPath = SettingKey<String>("gcloud_path_override")
    }

    static let schema = ModuleSchema(
        source: "community/modules/scripts/wait-for-startup", cloud: .gcp,
        summary: "Make terraform apply wait for instances' startup scripts, and fail when one fails",
        description: """
            For each instance of `instance_names` and `instance_name`, `terraform apply` runs \
            `scripts/hpcc-wait-for-startup.sh`, which reads the instance's serial console until its startup script \
            reports an exit status: 0 lets the apply go on; another status, `timeout` seconds without one, or a \
            gcloud error fails it. It runs when the wait is created, that is when the instance is (re)created. \
            Needs gcloud where Terraform runs.
            """,
        settings: [
            CommonSettings.project, CommonSettings.zone,
            SettingSpec(
                Key.instanceName, .string,
                "Name of an instance to wait for (normally `$(vms.name[0])`); null when `instance_names` has some."),
            SettingSpec(
                Key.instanceNames, .list(.string), "Names of instances to wait for (normally `$(vms.name)`).",
                default: .list([])),
            SettingSpec(
                Key.timeout, .number, "Seconds to wait for each instance.", default: .int(1200),
                constraints: [.integer, .range(min: 0, max: nil)]),
            SettingSpec(
                Key.gcloudPath, .string, "Folder of the gcloud to run; empty for the one on PATH.",
                default: .string("")),
        ],
        outputs: outputSpecs,
        mustBeUsed: false
    )

    /// The module has no outputs.
    typealias Output = NoOutput

    static let exposedByDefault: [Output] = []

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> StartupWait? {
        let origin = settings.origin(diagnostics: &diagnostics)
        guard let project = settings.read(CommonKey.project, diagnostics: &diagnostics),
            let zone = settings.read(CommonKey.zone, diagnostics: &diagnostics)
        else { return nil }
        var names: [TerraformText] = []
        var list: TerraformText?
        switch settings.value(Key.instanceNames) {
        case let .list(elements): names = elements.filter { !$0.isNull }.map { settings.text(from: $0) }
        case .null: break
        case let whole: list = settings.text(from: whole)
        }
        if let single = settings.text(Key.instanceName) { names.append(single) }
        guard !names.isEmpty || list != nil else {
            diagnostics.report(
                .missingSetting, "wait-for-startup '\(settings.id)' names no instance to wait for",
                at: settings.module.declaration.id.location,
                help: "set instance_name: $(VMS.name[0]) or instance_names: $(VMS.name)")
            return nil
        }
        let wait = StartupWait(
            origin: origin, project: project, zone: zone, names: names, nameList: list,
            timeout: settings.read(defaulted: Key.timeout, diagnostics: &diagnostics),
            gcloudPath: settings.read(defaulted: Key.gcloudPath, diagnostics: &diagnostics))
        settings.context.deployment.startupWaits.append(wait)
        return wait
    }

    static func emit(_ entity: StartupWait, module: ModuleID, into roots: inout TerraformRoots) {
        roots.add(to: entity.origin.group) { _, document, references in
            StartupWaitResources.emit(entity, into: &document, references: &references)
        }
    }
}
