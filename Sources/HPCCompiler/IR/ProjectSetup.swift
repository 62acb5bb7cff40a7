/// A Cloud Monitoring dashboard over the deployment's instances.
struct MonitoringDashboard: Hashable, Sendable {
    /// Which charts the dashboard starts from.
    enum Base: String, Hashable, Sendable, CaseIterable {
        /// hpcc's charts of CPU, memory, disk and network use.
        case hpc = "HPC"
        /// Only the heading; the blueprint's own widgets follow it.
        case empty = "Empty"
    }

    /// The dashboard module's origin.
    var origin: Origin
    /// Project that holds the dashboard.
    var project: String
    /// The deployment's name, shown in the heading.
    var deployment: String
    /// The `hpcc_deployment` label value every instance of the deployment carries; the charts
    /// select instances by it.
    var deploymentLabel: String
    /// The dashboard's title.
    var title: String
    /// The charts it starts from.
    var base: Base
    /// The blueprint's own widgets, parsed, after the base's.
    var widgets: [JSON]
}

/// Google APIs a module enables in a project.
struct ProjectServices: Hashable, Sendable {
    /// The service-enablement module's origin.
    var origin: Origin
    /// Project the services are enabled in.
    var project: String
    /// Service names (`compute.googleapis.com`), in blueprint order, each once.
    var services: [String]
    /// Whether destroying the deployment disables them again.
    var disableOnDestroy: Bool
}

/// Shell commands Terraform runs where it runs: each pair's `create` at apply, in order, and its
/// `delete` at destroy, in reverse order.
struct LocalCommands: Hashable, Sendable {
    /// One thing made by a command and removed by another.
    struct Pair: Hashable, Sendable {
        /// Run at apply.
        var create: String
        /// Run at destroy.
        var delete: String
    }

    /// The gcloud module's origin.
    var origin: Origin
    /// The pairs, in blueprint order.
    var pairs: [Pair]
}
