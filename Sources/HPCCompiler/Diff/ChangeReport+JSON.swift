extension ChangeReport {
    /// For tools: every change with its fields, the verdict, and `destroys_data`.
    @_spi(Tools) public var json: String {
        func optional(_ text: String?) -> JSON { text.map(JSON.string) ?? .null }
        func strings(_ list: [String]) -> JSON { .array(list.map(JSON.string)) }
        func cost(_ value: HourlyCost) -> JSON {
            ["on_demand": .double(value.onDemand), "spot": value.spot.map(JSON.double) ?? .null]
        }
        var document: [String: JSON] = [
            "destroys_data": .bool(destroysData),
            "verdict": .string(verdict),
            "terraform": .array(
                terraform.map { change in
                    [
                        "group": .string(change.group), "address": .string(change.address),
                        "action": .string(change.action.rawValue), "moved_from": optional(change.movedFrom),
                        "changed": strings(change.changed), "forced_by": strings(change.forcedBy),
                        "holds_data": .bool(change.holdsData), "loses_data": .bool(change.losesData),
                        "prevent_destroy": .bool(change.preventDestroy),
                    ]
                }),
            "slurm": .array(
                slurm.map { change in
                    [
                        "folder": .string(change.folder), "file": .string(change.file),
                        "subject": .string(change.subject),
                        "before": optional(change.before), "after": optional(change.after),
                        "takes": .string(change.takes.rawValue), "nodes": optional(change.nodes),
                        "affects_running_jobs": .bool(change.affectsRunningJobs), "reason": .string(change.reason),
                    ]
                }),
            "parallelcluster": .array(
                parallelCluster.map { change in
                    [
                        "file": .string(change.file), "path": .string(change.path), "before": optional(change.before),
                        "after": optional(change.after), "policy": .string(change.policy.rawValue),
                        "package_policy": .string(change.policyName), "loses_data": .bool(change.losesData),
                    ]
                }),
            "native": .array(
                native.map { change in
                    [
                        "path": .string(change.path), "change": .string(change.kind.rawValue),
                        "read_by": .string(change.system), "keys": strings(change.keys), "takes": .string(change.takes),
                    ]
                }),
        ]
        if let change = self.cost {
            document["cost_usd_per_hour"] = [
                "idle_before": cost(change.idleBefore), "idle_after": cost(change.idleAfter),
                "max_before": cost(change.maxBefore), "max_after": cost(change.maxAfter),
                "lower_bounds": .bool(change.incomplete),
            ]
        }
        return JSONWriter.render(.object(document))
    }
}
