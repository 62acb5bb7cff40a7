/// The changed settings between two ParallelCluster cluster configs, each with the update policy
/// ParallelCluster gives it and what applying it takes. The walk is the package's own
/// (`ConfigPatch._compare_section`): the schema's settings in its order, a nested section added or
/// removed as one change under the section's policy (an `IGNORED` section is looked into instead),
/// lists of sections matched by their update key (queues and compute resources by `Name`, tags by
/// `Key`), an added or removed item one change under the list's policy. Settings the schema does not
/// declare are not compared, as ParallelCluster does not compare them; `IGNORED` changes are left out,
/// as `pcluster update-cluster` does not show them.
@_spi(Tools) public enum ParallelClusterChanges {
    typealias Value = ParallelClusterConfigValue

    /// One change as the walk finds it, before it is classified.
    struct Found {
        /// The sections above the setting, list items as `SlurmQueues[cpu]`.
        var sections: [String]
        /// The setting's name.
        var key: String
        var old: Value?
        var new: Value?
        /// An item of a list added (`old` nil) or removed (`new` nil).
        var isListItem: Bool
        var itemKey: String?
        var policyName: String

        /// `Scheduling.SlurmQueues[cpu].ComputeResources[c7a].MaxCount`; an added or removed list item
        /// as `Scheduling.SlurmQueues[gpu]`.
        var path: String {
            let item = isListItem ? "[\(itemName ?? "")]" : ""
            return (sections + [key]).joined(separator: ".") + item
        }

        /// The added or removed item's key value (the queue's name).
        var itemName: String? { itemKey.flatMap { (new ?? old)?[$0]?.text } }
    }

    /// The changes from `old` to `new`, both the text of the cluster config `file`. A text that is not
    /// YAML is read as an empty config, so every setting of the other shows as added or removed.
    @_spi(Tools) public static func compare(file: String, old: String, new: String) -> [ParallelClusterChange] {
        let before = read(old, name: file)
        let after = read(new, name: file)
        var found: [Found] = []
        walk(old: before, new: after, schema: "", sections: [], into: &found)
        let conditions = ParallelClusterPolicyConditions(old: before, new: after, changes: found)
        return found.compactMap { change in
            guard let policy = conditions.policy(of: change) else { return nil }
            return ParallelClusterChange(
                file: file, path: change.path, before: describe(change.old, change),
                after: describe(change.new, change),
                policy: policy, policyName: change.policyName, losesData: conditions.losesData(change, policy: policy))
        }
    }

    static func read(_ text: String, name: String) -> Value? {
        var diagnostics = Diagnostics()
        return Value(YAMLReader().read(SourceFile(name: name, text: text), into: &diagnostics))
    }

    /// A list item by its key value, other values as written.
    static func describe(_ value: Value?, _ change: Found) -> String? {
        guard let value else { return nil }
        return change.isListItem ? change.itemName : value.text
    }

    /// ConfigPatch's `_compare_section`: each setting `schema` declares, in the schema's order.
    static func walk(old: Value?, new: Value?, schema: String, sections: [String], into found: inout [Found]) {
        for setting in ParallelClusterUpdatePolicies.children[schema] ?? [] {
            let name = setting.name
            switch setting.kind {
            case .list:
                walkList(old: old, new: new, setting: setting, schema: schema, sections: sections, into: &found)
            case .section:
                let before = old?[name].flatMap { $0.isTruthy ? $0 : nil }
                let after = new?[name].flatMap { $0.isTruthy ? $0 : nil }
                let path = schema.isEmpty ? name : "\(schema).\(name)"
                let either = before != nil || after != nil
                if before != nil && after != nil || either && setting.policyName == "IGNORED" {
                    walk(old: before, new: after, schema: path, sections: sections + [name], into: &found)
                } else if either {
                    found.append(
                        Found(
                            sections: sections, key: name, old: before, new: after, isListItem: false, itemKey: nil,
                            policyName: setting.policyName))
                }
            case .value:
                walkValue(old: old, new: new, setting: setting, sections: sections, into: &found)
            }
        }
    }

    /// A plain value. A custom action's `Script` may be written as a `Sequence` of scripts instead; a
    /// change between the two forms is the parent action's change (as ConfigPatch reports it).
    static func walkValue(
        old: Value?, new: Value?, setting: ParallelClusterUpdatePolicies.Setting,
        sections: [String], into found: inout [Found]
    ) {
        func lookUp(_ section: Value?) -> (key: String, value: Value?) {
            if setting.name == "Script", section?["Script"] == nil, let sequence = section?["Sequence"] {
                return ("Sequence", sequence)
            }
            return (setting.name, section?[setting.name])
        }
        let before = lookUp(old)
        let after = lookUp(new)
        if before.key != after.key, let parent = sections.last {
            found.append(
                Found(
                    sections: Array(sections.dropLast()), key: parent, old: before.value.map { .map([before.key: $0]) },
                    new: after.value.map { .map([after.key: $0]) }, isListItem: false, itemKey: nil,
                    policyName: setting.policyName))
        } else if before.value != after.value {
            found.append(
                Found(
                    sections: sections, key: after.key, old: before.value, new: after.value, isListItem: false,
                    itemKey: nil, policyName: setting.policyName))
        }
    }

    /// ConfigPatch's `_compare_list`: the new items in order, each compared with the first old item of the
    /// same key value; then the old items no new one matched, as removed.
    static func walkList(
        old: Value?, new: Value?, setting: ParallelClusterUpdatePolicies.Setting, schema: String,
        sections: [String], into found: inout [Found]
    ) {
        let name = setting.name
        let key = setting.updateKey ?? "Name"
        let oldItems = old?[name]?.items ?? []
        let path = schema.isEmpty ? "\(name)[]" : "\(schema).\(name)[]"
        var matched = Set<Int>()
        for item in new?[name]?.items ?? [] {
            if let index = oldItems.firstIndex(where: { $0[key] == item[key] }), oldItems[index].isTruthy {
                let label = "\(name)[\(item[key]?.text ?? "")]"
                walk(old: oldItems[index], new: item, schema: path, sections: sections + [label], into: &found)
                matched.insert(index)
            } else {
                found.append(
                    Found(
                        sections: sections, key: name, old: nil, new: item, isListItem: true, itemKey: key,
                        policyName: setting.policyName))
            }
        }
        for (index, item) in oldItems.enumerated() where !matched.contains(index) {
            found.append(
                Found(
                    sections: sections, key: name, old: item, new: nil, isListItem: true, itemKey: key,
                    policyName: setting.policyName))
        }
    }
}
