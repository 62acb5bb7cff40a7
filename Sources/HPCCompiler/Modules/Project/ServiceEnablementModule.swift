/// `community/modules/project/service-enablement`: one module, whole.
enum ServiceEnablementModule: BuiltInModule {
    /// The module's own settings; the shared ones are `CommonKey`'s.
    enum Key {
        static let services = SettingKey<[String]>("gcp_service_list")
        static let disableOnDestroy = SettingKey<Bool>("disable_on_destroy")
    }

    static let schema = ModuleSchema(
        source: "community/modules/project/service-enablement", cloud: .gcp,
        summary: "Google APIs enabled in the project",
        description: """
            Enables Google APIs (`compute.googleapis.com`, `file.googleapis.com`, ...) in the project, for \
            deployment groups after this one that create resources of those services.
            """,
        settings: [
            CommonSettings.project,
            SettingSpec(Key.services, .list(.string), "Service names to enable, each once.", required: true),
            SettingSpec(
                Key.disableOnDestroy, .bool,
                """
                Disable the services (and services that depend on them) when the deployment is destroyed; off \
                by default, since other deployments in the project may rely on them.
                """,
                default: .bool(false)),
        ],
        outputs: outputSpecs,
        mustBeUsed: false
    )

    typealias Output = NoOutput

    static let exposedByDefault: [Output] = []

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> ProjectServices? {
        guard let project = settings.read(CommonKey.project, diagnostics: &diagnostics),
            let services = settings.read(Key.services, diagnostics: &diagnostics)
        else { return nil }
        var seen: Set<String> = []
        var valid = true
        for (index, service) in services.enumerated() {
            let at = settings.location(Key.services, [.index(index)])
            if !isServiceName(service) {
                valid = false
                diagnostics.report(
                    .invalidName, "'\(service)' is not a Google service name", at: at,
                    help: "a service is named by its domain, such as compute.googleapis.com")
            } else if !seen.insert(service).inserted {
                valid = false
                diagnostics.report(
                    .duplicateName, "service '\(service)' is listed twice in module '\(settings.id)'", at: at,
                    help: "list each service once")
            }
        }
        guard valid else { return nil }
        return ProjectServices(
            origin: settings.origin(diagnostics: &diagnostics), project: project, services: services,
            disableOnDestroy: settings.read(defaulted: Key.disableOnDestroy, diagnostics: &diagnostics))
    }

    /// A service's domain: dot-separated lowercase labels of letters, digits and '-', at least two.
    static func isServiceName(_ name: String) -> Bool {
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && name.count <= 253
            && labels.allSatisfy { label in
                !label.isEmpty && label.first != "-" && label.last != "-"
                    && label.unicodeScalars.allSatisfy { NameRules.isLower($0) || NameRules.isDigit($0) || $0 == "-" }
            }
    }

    static func emit(_ entity: ProjectServices, module: ModuleID, into roots: inout TerraformRoots) {
        roots.add(to: entity.origin.group) { _, document, _ in ProjectServiceResources.emit(entity, into: &document) }
    }
}
