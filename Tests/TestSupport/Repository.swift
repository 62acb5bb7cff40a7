import Foundation
import HPCCompiler

/// Paths inside the repository, found from this file's location.
public enum Repository {
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static let blueprints = root.appendingPathComponent("blueprints")
    public static let golden = root.appendingPathComponent("golden")
    public static let modules = root.appendingPathComponent("modules")

    /// Variables passed to a shipped blueprint when it leaves them to the user (the Cluster Toolkit
    /// examples set `project_id` to null).
    public static func variables(for blueprint: String) -> [String] {
        ["hpc-slurm", "pfs-managed-lustre-slurm"].contains(blueprint) ? ["project_id=demo-project"] : []
    }

    /// Every shipped blueprint's name (file name without `.yaml`).
    public static var blueprintNames: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: blueprints.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// Compiles a shipped blueprint the way `hpcc build blueprints/<name>.yaml` does.
    public static func compile(_ name: String, extraVariables: [String] = []) throws -> CompileResult {
        let path = "blueprints/\(name).yaml"
        let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        return Compiler().compile(SourceFile(name: path, text: text), variables: variables(for: name) + extraVariables)
    }

    /// Every file under `folder`, relative paths sorted.
    public static func files(under folder: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var paths: [String] = []
        for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            paths.append(String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1)))
        }
        return paths.sorted()
    }
}
