/// A service-enablement module's resources: one `google_project_service` per service.
enum ProjectServiceResources {
    /// The resource enabling `service` for the module `module`, named after the service, so that
    /// the address stays put when the list is reordered (a count index would not).
    static func service(_ module: ModuleID, _ service: String) -> TerraformAddress {
        TerraformAddress(
            "google_project_service", "\(module.rawValue)_\(service.replacingOccurrences(of: ".", with: "_"))")
    }

    static func emit(_ services: ProjectServices, into document: inout TerraformDocument) {
        for service in services.services {
            document.resource(
                Self.service(services.origin.module, service),
                [
                    "project": .string(services.project),
                    "service": .string(service),
                    "disable_on_destroy": .bool(services.disableOnDestroy),
                    // Disabling a service others depend on fails unless they go too; only asked on destroy.
                    "disable_dependent_services": .bool(services.disableOnDestroy),
                    "timeouts": ["create": "30m", "update": "40m"],
                ])
        }
    }
}
