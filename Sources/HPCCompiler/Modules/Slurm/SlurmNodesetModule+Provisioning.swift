/// How a nodeset obtains capacity beyond on-demand: Dynamic Workload Scheduler flex start, and
/// the accelerator topology of its compact placement.
extension SlurmNodesetModule {
    /// `dws_flex`, with Cluster Toolkit's defaults: a one-week run time once enabled.
    static let dwsFlexType = SettingType.object([
        .optional("enabled", .bool, .bool(true)),
        .optional("max_run_duration", .number, .int(maxFlexRun)),
        .optional("use_job_duration", .bool, .bool(false)),
        .optional("use_bulk_insert", .bool, .bool(false)),
    ])

    /// The longest a flex-start instance may run: one week, in seconds.
    static let maxFlexRun = 604_800

    /// The run time of flex-start nodes, or nil when `dws_flex` is off. Flex-start capacity is
    /// its own provisioning model: it excludes Spot, reservations and static nodes (which
    /// Compute Engine would delete when their time is up).
    static func flexStart(
        _ settings: SettingReader, staticCount: Int, reservation: String?, scheduling: Scheduling,
        diagnostics: inout Diagnostics
    ) -> Int? {
        guard let fields = settings.literal(Key.dwsFlex, diagnostics: &diagnostics)?.map,
            fields["enabled"]?.bool ?? true
        else { return nil }
        let at = settings.location(Key.dwsFlex)
        for (option, what) in [
            ("use_job_duration", "setting each node's run time from its job's time limit"),
            ("use_bulk_insert", "creating flex-start nodes with bulk insert"),
        ] where fields[option]?.bool == true {
            diagnostics.report(
                .settingNotSupported, "dws_flex.\(option) is not supported by hpcc yet: \(what)",
                at: settings.location(Key.dwsFlex, [.key(option)]),
                help: "remove it; hpcc's nodes run at most max_run_duration seconds")
        }
        let seconds = fields["max_run_duration"]?.int ?? maxFlexRun
        if !(30...maxFlexRun).contains(seconds) {
            diagnostics.report(
                .constraintViolation,
                "dws_flex.max_run_duration is \(seconds) seconds; it must be between 30 and \(maxFlexRun) (one week)",
                at: settings.location(Key.dwsFlex, [.key("max_run_duration")]))
        }
        var conflicts: [String] = []
        if scheduling.spot { conflicts.append("enable_spot_vm") }
        if scheduling.preemptible { conflicts.append("preemptible") }
        if reservation != nil { conflicts.append("reservation_name") }
        if staticCount > 0 {
            conflicts.append("node_count_static (flex-start nodes are deleted when their time is up)")
        }
        if !conflicts.isEmpty {
            diagnostics.report(
                .constraintViolation,
                "a dws_flex nodeset takes its capacity from flex start only; it cannot also use "
                    + conflicts.joined(separator: ", "),
                at: at, help: "turn dws_flex off, or the others")
        }
        return seconds
    }

    /// `accelerator_topology`, which shapes the nodeset's compact placement policy and so needs one.
    static func acceleratorTopology(
        _ settings: SettingReader, placement: Bool, diagnostics: inout Diagnostics
    ) -> String? {
        guard let topology = settings.read(Key.acceleratorTopology, diagnostics: &diagnostics) else { return nil }
        guard placement else {
            diagnostics.report(
                .constraintViolation,
                "accelerator_topology '\(topology)' is part of a compact placement policy, which this nodeset has not",
                at: settings.location(Key.acceleratorTopology),
                help: "set enable_placement: true (on a machine type that supports compact placement)")
            return nil
        }
        return topology
    }
}
