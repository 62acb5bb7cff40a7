/// A dashboard module's resource.
enum MonitoringResources {
    /// The dashboard of the dashboard module `module`.
    static func dashboard(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("google_monitoring_dashboard", module.rawValue)
    }

    static func emit(_ dashboard: MonitoringDashboard, into document: inout TerraformDocument) {
        document.resource(
            Self.dashboard(dashboard.origin.module),
            [
                // The document is hpcc's own text, not a template: nothing in it may interpolate.
                "dashboard_json": .string(HCL.escapeTemplate(JSONWriter.compact(DashboardDocument.json(dashboard)))),
                "project": .string(dashboard.project),
            ])
    }
}
