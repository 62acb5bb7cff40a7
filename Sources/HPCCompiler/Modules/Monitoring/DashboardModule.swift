/// `modules/monitoring/dashboard`: one module, whole.
enum DashboardModule: BuiltInModule {
    /// The module's own settings; the shared ones are `CommonKey`'s.
    enum Key {
        static let base = SettingKey<String>("base_dashboard")
        static let title = SettingKey<String>("title")
        static let widgets = SettingKey<[String]>("widgets")
    }

    static let schema = ModuleSchema(
        source: "modules/monitoring/dashboard", cloud: .gcp,
        summary: "Cloud Monitoring dashboard of the deployment's instances",
        description: """
            Creates a Cloud Monitoring dashboard whose charts follow the instances labelled with this \
            deployment: CPU, memory (from the Ops Agent), disk and network use, followed by any widgets \
            the blueprint adds.
            """,
        settings: [
            CommonSettings.project, CommonSettings.deploymentName, CommonSettings.labels,
            SettingSpec(
                Key.base, .string,
                "`HPC` starts from hpcc's CPU, memory, disk and network charts; `Empty` from the heading alone.",
                default: .string(MonitoringDashboard.Base.hpc.rawValue),
                constraints: [.oneOf(MonitoringDashboard.Base.allCases.map(\.rawValue))]),
            SettingSpec(Key.title, .string, "Title of the dashboard.", default: .string("HPC dashboard")),
            SettingSpec(
                Key.widgets, .list(.string),
                """
                Further widgets, each a JSON object in Cloud Monitoring's widget format, added after the \
                base's charts.
                """,
                default: .list([])),
        ],
        outputs: outputSpecs,
        mustBeUsed: false
    )

    /// The module's outputs.
    enum Output: String, ModuleOutput {
        case instructions = "instructions"

        var spec: (type: SettingType, description: String) {
            switch self {
            case .instructions: (.string, "Where to open the dashboard in the Cloud console.")
            }
        }
    }

    static let exposedByDefault: [Output] = []

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> MonitoringDashboard? {
        guard let project = settings.read(CommonKey.project, diagnostics: &diagnostics),
            let deployment = settings.read(CommonKey.deploymentName, diagnostics: &diagnostics),
            let widgetTexts = settings.read(Key.widgets, diagnostics: &diagnostics)
        else { return nil }
        let base = MonitoringDashboard.Base(rawValue: settings.read(defaulted: Key.base, diagnostics: &diagnostics))
        var widgets: [JSON] = []
        for (index, text) in widgetTexts.enumerated() {
            guard case let .object(members)? = JSONText.parse(text), !members.isEmpty else {
                diagnostics.report(
                    .constraintViolation, "widget \(index + 1) of module '\(settings.id)' is not a JSON object",
                    at: settings.location(Key.widgets, [.index(index)]),
                    help: "write each widget as one JSON object, such as {\"title\": \"…\", \"xyChart\": {…}}")
                continue
            }
            widgets.append(.object(members))
        }
        guard widgets.count == widgetTexts.count else { return nil }
        return MonitoringDashboard(
            origin: settings.origin(diagnostics: &diagnostics), project: project, deployment: deployment,
            deploymentLabel: LabelValue.sanitize(deployment),
            title: settings.read(defaulted: Key.title, diagnostics: &diagnostics), base: base ?? .hpc,
            widgets: widgets)
    }

    static func emit(_ entity: MonitoringDashboard, module: ModuleID, into roots: inout TerraformRoots) {
        roots.add(to: entity.origin.group) { _, document, _ in MonitoringResources.emit(entity, into: &document) }
    }

    static func value(
        of output: Output, entity: MonitoringDashboard, module: ModuleID, path: [Accessor]
    ) -> OutputValue {
        switch output {
        case .instructions:
            // The id is `projects/<number>/dashboards/<id>`; the console opens a dashboard by its last part.
            let id = MonitoringResources.dashboard(module).attribute("id")
            return .expression(
                """
                "Cloud Monitoring dashboard: https://console.cloud.google.com/monitoring/dashboards/builder/\
                ${basename(\(id))}?project=\(entity.project)\\n"
                """ + HCL.access(path))
        }
    }
}
