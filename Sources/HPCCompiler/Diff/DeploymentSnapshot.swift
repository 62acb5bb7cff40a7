import Foundation

/// A built deployment as its files: what `hpcc build` wrote into a deployment folder (the files
/// its manifest lists, never Terraform's state), or what a compilation emits in memory. `hpcc
/// diff` compares two of them; `hpcc build` reads the one it is about to replace to keep a renamed
/// module's resources where they are (`moved` blocks).
@_spi(Tools) public struct DeploymentSnapshot: Sendable {
    /// Every file, by its path in the deployment folder.
    @_spi(Tools) public var files: [String: OutputFile]
    /// The deployment IR when it is known (a compilation), for the cost before and after.
    @_spi(Tools) public var deployment: Deployment?

    /// The deployment made of `files`.
    @_spi(Tools) public init(files: [OutputFile], deployment: Deployment? = nil) {
        self.files = Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        self.deployment = deployment
    }

    /// Why a folder cannot be read as a deployment.
    @_spi(Tools) public struct Unreadable: Error, CustomStringConvertible {
        @_spi(Tools) public var description: String
    }

    /// The files hpcc wrote into `folder`, as its manifest lists them.
    @_spi(Tools) public static func read(folder: URL) throws -> DeploymentSnapshot {
        guard let paths = OperatorFiles.hpccPaths(in: folder) else {
            throw Unreadable(description: "\(folder.path) has no \(ManifestEmitter.path): hpcc did not build it")
        }
        var files: [OutputFile] = []
        for path in paths.sorted() where path != ManifestEmitter.path {
            let url = folder.appendingPathComponent(path)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw Unreadable(description: "\(url.path) is listed in the manifest but cannot be read")
            }
            let permissions =
                (try? FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber)?
                .intValue ?? 0
            files.append(OutputFile(path: path, bytes: [UInt8](data), executable: permissions & 0o100 != 0))
        }
        return DeploymentSnapshot(files: files)
    }

    /// A folder's deployment IR, from the expanded blueprint it holds (for its cost); nil when that
    /// no longer compiles on its own.
    @_spi(Tools) public mutating func recompileExpandedBlueprint() {
        guard deployment == nil, let expanded = text(ExpandedBlueprintEmitter.path) else { return }
        deployment = Compiler().compile(SourceFile(name: ExpandedBlueprintEmitter.path, text: expanded)).deployment
    }

    /// The text of the file at `path`, if the deployment has it.
    func text(_ path: String) -> String? { files[path]?.text }

    /// Each deployment group's Terraform root (`<group>/main.tf.json`), by group.
    var terraformRoots: [String: String] {
        var roots: [String: String] = [:]
        for (path, file) in files {
            if let group = Self.terraformGroup(of: path) { roots[group] = file.text }
        }
        return roots
    }

    /// The group whose Terraform root is at `path`, if it is one.
    static func terraformGroup(of path: String) -> String? {
        let parts = path.split(separator: "/")
        return parts.count == 2 && parts[1] == "main.tf.json" ? String(parts[0]) : nil
    }

    /// Each Slurm cluster's folder (the folder holding a `slurm.conf`), with the texts of the
    /// files under it by their path relative to it.
    var slurmFolders: [String: [String: String]] {
        let folders = files.keys.filter { $0.hasSuffix("/slurm.conf") }.map { String($0.dropLast("/slurm.conf".count)) }
        var result: [String: [String: String]] = [:]
        for folder in folders {
            // A nested cluster folder (`slurm/a/` beside `slurm/`) belongs to its own cluster.
            let nested = folders.filter { $0 != folder && $0.hasPrefix(folder + "/") }
            result[folder] = Dictionary(
                uniqueKeysWithValues: files.filter { path, _ in
                    path.hasPrefix(folder + "/") && !nested.contains { path.hasPrefix($0 + "/") }
                }.map { (String($0.key.dropFirst(folder.count + 1)), $0.value.text) })
        }
        return result
    }

    /// Every ParallelCluster cluster configuration, by path.
    var parallelClusterConfigs: [String: String] {
        files.filter { $0.key.hasPrefix("parallelcluster/") && $0.key.hasSuffix(".yaml") }.mapValues(\.text)
    }
}
