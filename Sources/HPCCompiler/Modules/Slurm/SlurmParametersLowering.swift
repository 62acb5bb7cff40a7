/// `cloud_parameters` and the controller's switches → `SlurmParameters`.
enum SlurmParametersLowering {
    static func parameters(_ settings: SettingReader, diagnostics: inout Diagnostics) -> SlurmParameters {
        let fields = settings.literal("cloud_parameters", diagnostics: &diagnostics)?.map ?? [:]
        func int(_ key: String, _ fallback: Int) -> Int { fields[key]?.int ?? fallback }
        func strings(_ key: String) -> [String] { fields[key]?.list?.compactMap(\.string) ?? [] }
        let scheduler = strings("scheduler_parameters")
        return SlurmParameters(
            authentication: settings.bool("enable_slurm_auth", diagnostics: &diagnostics) == true ? .slurm : .munge,
            debugLogging: settings.bool("enable_debug_logging", diagnostics: &diagnostics) ?? false,
            noCommaParams: fields["no_comma_params"]?.bool ?? false,
            privateData: strings("private_data"),
            schedulerParameters: scheduler.isEmpty ? ["bf_continue", "salloc_wait_nodes", "ignore_prefer_validation"] : scheduler,
            resumeRate: int("resume_rate", 0), resumeTimeout: int("resume_timeout", 300),
            suspendRate: int("suspend_rate", 0), suspendTimeout: int("suspend_timeout", 300),
            slurmdTimeout: int("slurmd_timeout", 300), unkillableStepTimeout: int("unkillable_step_timeout", 300),
            topologyPlugin: fields["topology_plugin"]?.string, topologyParam: fields["topology_param"]?.string,
            treeWidth: int("tree_width", 128), prologFlags: fields["prolog_flags"]?.string, switchType: fields["switch_type"]?.string
        )
    }
}
