import Foundation

/// How a deployment folder on disk differs from what a compilation emits: for `hpcc build
/// --check`, which a repository of blueprints runs in CI so that committed deployment folders
/// cannot go stale.
@_spi(Tools) public struct DeploymentDrift: Hashable, Sendable {
    /// One file that differs, by its path in the deployment folder.
    @_spi(Tools) public struct Difference: Hashable, Sendable {
        /// How the file differs.
        @_spi(Tools) public enum Kind: String, Hashable, Sendable {
            /// On disk with other bytes; `line` is the first line that differs.
            case changed
            /// Emitted, not on disk.
            case missing
            /// On disk, not emitted (a file hpcc no longer writes).
            case extra
            /// Same bytes, but the executable bit differs.
            case mode
        }

        /// The path in the deployment folder.
        @_spi(Tools) public var path: String
        /// How it differs.
        @_spi(Tools) public var kind: Kind
        /// The first differing line (1-based) of a changed file.
        @_spi(Tools) public var line: Int?
    }

    /// Every difference, sorted by path.
    @_spi(Tools) public var differences: [Difference]

    /// True when the folder holds exactly what would be written.
    @_spi(Tools) public var isCurrent: Bool { differences.isEmpty }

    /// Compares `files` with the folder `folder`; a folder that does not exist has every file missing.
    @_spi(Tools) public static func compare(_ files: [OutputFile], with folder: URL) throws -> DeploymentDrift {
        let manager = FileManager.default
        var onDisk: Set<String> = []
        if let walker = manager.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) {
            let base = folder.standardizedFileURL.path + "/"
            for case let url as URL in walker
            where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                onDisk.insert(String(url.standardizedFileURL.path.dropFirst(base.count)))
            }
        }
        var differences: [Difference] = []
        for file in files {
            let url = folder.appendingPathComponent(file.path)
            guard onDisk.remove(file.path) != nil else {
                differences.append(Difference(path: file.path, kind: .missing))
                continue
            }
            let bytes = [UInt8](try Data(contentsOf: url))
            if bytes != file.contents {
                differences.append(
                    Difference(path: file.path, kind: .changed, line: firstDifferingLine(bytes, file.contents)))
                continue
            }
            let permissions =
                (try manager.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber)?.intValue ?? 0
            if (permissions & 0o100 != 0) != file.executable {
                differences.append(Difference(path: file.path, kind: .mode))
            }
        }
        // Files hpcc did not write (Terraform's state) are the operator's, not stale output.
        if let hpcc = OperatorFiles.hpccPaths(in: folder) { onDisk.formIntersection(hpcc) }
        differences += onDisk.map { Difference(path: $0, kind: .extra) }
        return DeploymentDrift(differences: differences.sorted { $0.path < $1.path })
    }

    /// The 1-based line on which two texts first differ.
    static func firstDifferingLine(_ old: [UInt8], _ new: [UInt8]) -> Int {
        var line = 1
        for (a, b) in zip(old, new) {
            if a != b { return line }
            if a == UInt8(ascii: "\n") { line += 1 }
        }
        return line
    }

    /// The differences as diagnostics (HPC5007), positioned in the folder's files where a line is known.
    @_spi(Tools) public func diagnostics(folder: String) -> [Diagnostic] {
        differences.map { difference in
            let path = folder + "/" + difference.path
            let message =
                switch difference.kind {
                case .changed: "\(difference.path) is stale: the blueprint now compiles to other content"
                case .missing: "\(difference.path) is missing: the blueprint now compiles to it"
                case .extra: "\(difference.path) is not part of the deployment any more"
                case .mode: "\(difference.path) has the wrong mode (executable or not)"
                }
            let location =
                difference.kind == .missing ? nil : SourceLocation(file: path, line: difference.line ?? 1, column: 1)
            return Diagnostic(
                .staleDeployment, message, at: location, help: "run `hpcc build` again and commit the deployment folder"
            )
        }
    }
}
