import Foundation

/// The conditions about shared storage, placement groups and data: which storage the cluster created
/// itself (no id of an existing one in its settings) and what its DeletionPolicy does to it.
extension ParallelClusterPolicyConditions {
    /// The storage item a change is about: the added or removed item, or the item the change is inside.
    func storage(of change: Found) -> Value? {
        if change.isListItem && change.key == "SharedStorage" { return change.new ?? change.old }
        guard let label = change.sections.first(where: { $0.hasPrefix("SharedStorage[") }) else { return nil }
        let name = String(label.dropFirst("SharedStorage[".count).dropLast())
        return (new ?? old)?["SharedStorage"]?.items.first { $0["Name"]?.text == name }
            ?? old?["SharedStorage"]?.items.first { $0["Name"]?.text == name }
    }

    /// An existing storage the config mounts by id (EBS volume, EFS or FSx file system, File Cache).
    static func isExisting(_ item: Value) -> Bool {
        let type = item["StorageType"]?.text ?? ""
        let settings = item["\(type)Settings"]
        return Facts.externalStorageKeys.contains { settings?[$0] != nil }
    }

    /// SHARED_STORAGE_UPDATE_POLICY. `/home` never changes; an existing EFS or FSx mounts and unmounts
    /// on running nodes; anything else needs the login nodes stopped, else the fleet stopped or a
    /// QueueUpdateStrategy. (The package reads the change's values as a storage item, which a changed
    /// MountDir is not, and then raises; this judges the item the MountDir belongs to.)
    func sharedStorage(_ change: Found) -> Policy {
        if change.isListItem, change.key == "SharedStorage",
            [change.old, change.new].contains(where: { ["home", "/home"].contains($0?["MountDir"]?.text) })
        {
            return .unsupported
        }
        let live =
            storage(of: change).map {
                Self.isExisting($0) && Facts.liveUpdateStorageTypes.contains($0["StorageType"]?.text ?? "")
            } ?? false
        if live { return .supported }
        if loginNodesRun(pool: nil) { return .loginNodesStop }
        return strategySet ? .queueUpdateStrategy : .computeFleetStop
    }

    /// The FSx for Lustre file systems the cluster created that both configs keep, by name: while there
    /// is one, ParallelCluster refuses a MANAGED_FSX change (it would delete and re-create them).
    var keptManagedLustre: Set<String> {
        func names(_ config: Value?) -> Set<String> {
            Set(
                (config?["SharedStorage"]?.items ?? []).filter {
                    $0["StorageType"]?.text == "FsxLustre" && $0["FsxLustreSettings"]?["FileSystemId"] == nil
                }.compactMap { $0["Name"]?.text })
        }
        return names(old).intersection(names(new))
    }

    /// Whether a managed placement group (enabled, with no Name or Id) of the change's compute resource
    /// is gone in the new config.
    func deletesManagedPlacementGroup(_ change: Found) -> Bool {
        func managed(_ config: Value?) -> Bool {
            let queueName = change.sections.first { $0.hasPrefix("SlurmQueues[") }.map(Self.label)
            let resourceName = change.sections.first { $0.hasPrefix("ComputeResources[") }.map(Self.label)
            let queue = config?["Scheduling"]?["SlurmQueues"]?.items.first { $0["Name"]?.text == queueName }
            let resource = queue?["ComputeResources"]?.items.first { $0["Name"]?.text == resourceName }
            let own = resource?["Networking"]?["PlacementGroup"]
            let chosen = own?.isTruthy == true ? own : queue?["Networking"]?["PlacementGroup"]
            guard let chosen, chosen["Enabled"]?.isTruthy == true else { return false }
            return chosen["Name"]?.isTruthy != true && chosen["Id"]?.isTruthy != true
        }
        return managed(old) && !managed(new)
    }

    static func label(_ segment: String) -> String {
        String(segment.drop { $0 != "[" }.dropFirst().dropLast())
    }

    /// Storage the cluster created and deletes with itself (its DeletionPolicy, or the package's default
    /// for the type, is Delete): removing it from the config deletes it, and so does replacing the
    /// cluster, which a change ParallelCluster cannot apply (`.unsupported`) calls for.
    func losesData(_ change: Found, policy: Policy) -> Bool {
        if change.isListItem, change.key == "SharedStorage", let removed = change.old, change.new == nil {
            return Self.deletedWithCluster(removed)
        }
        guard policy == .unsupported else { return false }
        return (old?["SharedStorage"]?.items ?? []).contains(where: Self.deletedWithCluster)
    }

    static func deletedWithCluster(_ item: Value) -> Bool {
        guard !isExisting(item) else { return false }
        let type = item["StorageType"]?.text ?? ""
        let policy = item["\(type)Settings"]?["DeletionPolicy"]?.text ?? Facts.createdStorageDeletionPolicy[type]
        return policy == "Delete"
    }
}

/// ExtraChefAttributes is a JSON text; the package compares its leaves (dot-joined paths).
enum ChefAttributes {
    static func changedLeaves(_ old: ParallelClusterConfigValue?, _ new: ParallelClusterConfigValue?) -> Set<String> {
        leaves(parse(old?.text)).symmetricDifference(leaves(parse(new?.text))).reduce(into: Set<String>()) {
            $0.insert($1.key)
        }
    }

    static func parse(_ text: String?) -> Any? {
        guard let text, let data = text.data(using: .utf8) else { return nil }
        return try? JSONSerialization.jsonObject(with: data)
    }

    /// Every leaf as (path, the value's JSON text), so two leaves differ when path or value differ.
    struct Leaf: Hashable {
        var key: String
        var value: String
    }

    static func leaves(_ object: Any?, prefix: String = "") -> Set<Leaf> {
        guard let map = object as? [String: Any] else {
            if prefix.isEmpty { return [] }
            return [Leaf(key: prefix, value: String(describing: object ?? "null"))]
        }
        var found: Set<Leaf> = []
        for (key, value) in map {
            found.formUnion(leaves(value, prefix: prefix.isEmpty ? key : "\(prefix).\(key)"))
        }
        return found
    }
}
