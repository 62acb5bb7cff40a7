/// Changed files that are neither a Terraform root nor a Slurm or ParallelCluster configuration,
/// by the system that reads them and what it takes for that system to use the new content.
enum NativeConfigChanges {
    /// What reads the files under a path prefix, and what a change takes; the first match wins.
    static let readers: [(prefix: String, system: String, takes: String)] = [
        (
            "htc-grid/", "htc-grid",
            """
            HTC-Grid's own Terraform reads it: apply HTC-Grid's stack again with it; agents start with the new \
            settings
            """
        ),
        (
            "bwvisu/", "bwvisu",
            "the bwVisu runner reads it at start: copy it to the runner hosts and restart the runner"
        ),
        ("hpcstats/install.sh", "hpcstats", "run it again on the HPCStats host"),
        (
            "hpcstats/", "hpcstats",
            "HPCStats reads it on each import: run hpcstats/install.sh on the HPCStats host; the next import uses it"
        ),
        ("ansible/", "ansible", "run the playbooks that use the inventory again"),
        (
            "parallelcluster/", "parallelcluster",
            "the head node runs it when it is set up or updated: pcluster update-cluster"
        ),
        ("packer/", "packer", "build the image again (packer build); nodes use it when they are recreated"),
        ("scripts/", "startup", "instances run it when they boot: new and recreated instances use it"),
        ("batch/", "batch", "jobs submitted from now on use it; running jobs keep theirs"),
        ("staged/", "staged", "the resources that copy it upload the new content on the next terraform apply"),
    ]

    /// Files hpcc writes about the build itself, not for a system to read.
    static let bookkeeping: Set<String> = [ExpandedBlueprintEmitter.path, ManifestEmitter.path]

    static func compare(
        old: [String: OutputFile], new: [String: OutputFile], skipping handled: Set<String>
    )
        -> [NativeConfigChange]
    {
        var changes: [NativeConfigChange] = []
        for path in Set(old.keys).union(new.keys).sorted()
        where !handled.contains(path) && !bookkeeping.contains(path) {
            let before = old[path], after = new[path]
            guard before?.contents != after?.contents || before?.executable != after?.executable else { continue }
            let kind: NativeConfigChange.Kind = before == nil ? .added : after == nil ? .removed : .changed
            let reader = readers.first { path.hasPrefix($0.prefix) }
            changes.append(
                NativeConfigChange(
                    path: path, kind: kind, system: reader?.system ?? String(path.prefix { $0 != "/" }),
                    keys: keys(before?.text, after?.text),
                    takes: reader?.takes ?? "whatever reads it must read it again"))
        }
        return changes
    }

    /// The top-level keys (JSON) or sections (`[name]` files) whose content differs.
    static func keys(_ old: String?, _ new: String?) -> [String] {
        if let old, let new, case let .object(a)? = JSONText.parse(old), case let .object(b)? = JSONText.parse(new) {
            return Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
        }
        let before = sections(old ?? ""), after = sections(new ?? "")
        guard before.count > 1 || after.count > 1 else { return [] }
        return Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
    }

    /// An INI-style text's lines by `[section]` (lines before the first section under "").
    private static func sections(_ text: String) -> [String: [Substring]] {
        var result: [String: [Substring]] = [:]
        var current = ""
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("["), trimmed.hasSuffix("]") {
                current = String(trimmed.dropFirst().dropLast())
            }
            result[current, default: []].append(line)
        }
        return result
    }
}
