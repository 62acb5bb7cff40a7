/// A module source that names one of the Cluster Toolkit's own modules in its GitHub repository,
/// pinned to a release: `github.com/GoogleCloudPlatform/cluster-toolkit//PATH?ref=v1.51.1`, the
/// same with `hpc-toolkit` (the repository's former name) or as `git::https://…cluster-toolkit.git//`.
struct ToolkitSource: Hashable, Sendable {
    /// The module's path in the repository (`modules/scripts/startup-script`).
    var path: String
    /// The `ref` it is pinned to, if any.
    var ref: String?

    private static let repositories = [
        "github.com/GoogleCloudPlatform/cluster-toolkit//", "github.com/GoogleCloudPlatform/hpc-toolkit//",
        "git::https://github.com/GoogleCloudPlatform/cluster-toolkit.git//",
        "git::https://github.com/GoogleCloudPlatform/hpc-toolkit.git//",
    ]

    /// A Toolkit module at `path`, pinned to `ref`.
    init(path: String, ref: String?) {
        self.path = path
        self.ref = ref
    }

    /// The Toolkit module `source` names, or nil for any other source.
    init?(_ source: String) {
        guard let repository = Self.repositories.first(where: { source.hasPrefix($0) }) else { return nil }
        let rest = source.dropFirst(repository.count)
        let parts = rest.split(separator: "?", maxSplits: 1)
        guard let first = parts.first, !first.isEmpty else { return nil }
        path = String(first)
        let query = parts.count == 2 ? parts[1].split(separator: "&") : []
        ref = query.first { $0.hasPrefix("ref=") }.map { String($0.dropFirst(4)) }
    }
}
