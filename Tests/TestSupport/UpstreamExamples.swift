import Foundation
import HPCCompiler

/// One of the Cluster Toolkit's example blueprints in `../shared/ctk-examples/upstream`, compiled
/// the way its README says to deploy it: unchanged, with its shipped deployment file when it has
/// one, `project_id` given, and a value for each variable that deployment file leaves for the user.
public struct UpstreamExample: Sendable, Hashable, CustomStringConvertible {
    /// Why an example is not compiled at all.
    public enum Exclusion: Sendable, Hashable {
        /// It deploys onto GKE (Kubernetes), which hpcc does not target.
        case kubernetes
        /// A module of it comes from a git repository other than the Cluster Toolkit's.
        case thirdPartySource(String)
    }

    /// Path relative to the upstream folder.
    public let path: String
    /// Its deployment file, relative to the upstream folder.
    public let deploymentFile: String?
    /// Why it is not compiled; nil for the examples that are.
    public let exclusion: Exclusion?

    public var description: String { path }

    /// The example at `path`, classified from its text.
    init(path: String, text: String, folder: URL) {
        self.path = path
        deploymentFile = Self.deploymentFile(of: path, folder: folder)
        let sources = text.split(separator: "\n").compactMap { line -> String? in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("source:") else { return nil }
            return trimmed.dropFirst("source:".count).trimmingCharacters(in: CharacterSet(charactersIn: " \"'"))
        }
        if sources.contains(where: { $0.contains("/gke-") || $0.hasSuffix("/kubectl-apply") })
            || text.contains("xpk")
        {
            exclusion = .kubernetes
        } else if let foreign = sources.first(where: Self.isThirdParty) {
            exclusion = .thirdPartySource(foreign)
        } else {
            exclusion = nil
        }
    }

    /// A git source outside the Cluster Toolkit's repository.
    static func isThirdParty(_ source: String) -> Bool {
        let remote = source.hasPrefix("git::") || source.hasPrefix("github.com/") || source.hasPrefix("gitlab.com/")
        return remote && !source.contains("GoogleCloudPlatform/cluster-toolkit//")
    }

    /// `<stem>-deployment.yaml` beside `<stem>.yaml` or `<stem>-blueprint.yaml`; the image
    /// recipes of build-service-images share `../shared.yaml` (their build.sh passes it).
    static func deploymentFile(of path: String, folder: URL) -> String? {
        let directory = (path as NSString).deletingLastPathComponent
        var stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        if stem == "blueprint" { return (directory as NSString).deletingLastPathComponent + "/shared.yaml" }
        if stem.hasSuffix("-blueprint") { stem = String(stem.dropLast("-blueprint".count)) }
        if stem == "a3mega-slurm-gcsfuse-lssd" { stem = "a3mega-slurm" }
        let candidate = directory + "/\(stem)-deployment.yaml"
        return FileManager.default.fileExists(atPath: folder.appendingPathComponent(candidate).path) ? candidate : nil
    }

    /// What a user fills in where the deployment file leaves a variable empty, by its name.
    static func userValue(for name: String, example: String) -> String? {
        switch name {
        case "project_id": "demo-project"
        case "deployment_name": "demo"
        case "region": "us-central1"
        case "zone": "us-central1-b"
        case "family": "demo-image"
        case "slurm_cluster_name": "demo"
        case "network_name_system": "demo-system-net"
        case "subnetwork_name_system": "demo-system-subnet"
        case "a3_partition_name": "a3"
        case _ where name.hasSuffix("reservation_name"): "demo-reservation"
        case _ where name.hasSuffix("_bucket"): "demo-" + name.replacingOccurrences(of: "_", with: "-")
        case _ where name.hasSuffix("cluster_size") || name == "instance_count" || name == "number_of_vms": "2"
        default: nil
        }
    }

    /// The `--vars` a user gives: `project_id`, and each variable the blueprint or its deployment
    /// file leaves empty for them (`region:  ## Set GCP Region Here ##`).
    public func variables(in folder: URL) -> [String] {
        var names = ["project_id"]
        for file in [path] + (deploymentFile.map { [$0] } ?? []) {
            if let text = try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8) {
                names += Self.emptyVariables(text)
            }
        }
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }.compactMap { name in
            Self.userValue(for: name, example: path).map { "\(name)=\($0)" }
        }
    }

    /// The names under `vars:` with nothing after the colon, or an empty string (comments aside).
    static func emptyVariables(_ text: String) -> [String] {
        var inVars = false
        var names: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.hasPrefix(" ") && !line.hasPrefix("#") && !line.isEmpty { inVars = line.hasPrefix("vars:") }
            guard inVars, line.hasPrefix("  "), !line.hasPrefix("   ") else { continue }
            let content = line.split(separator: "#", maxSplits: 1).first.map(String.init) ?? ""
            let parts = content.split(separator: ":", maxSplits: 1)
            guard parts.count >= 1, content.contains(":") else { continue }
            let value = parts.count == 2 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
            if value.isEmpty || value == "\"\"" || value == "''" {
                names.append(parts[0].trimmingCharacters(in: .whitespaces))
            }
        }
        return names
    }

    /// The image recipes of build-service-images are deployed by its build.sh, which first writes
    /// `gcluster-build-info` beside `shared.yaml` (the recipes stage it with `ghpc_stage`).
    static let buildScriptFolder = "examples/machine-learning/build-service-images"

    /// Compiles it as `hpcc validate -d FILE --vars ...` does (files named by absolute path, read
    /// from the blueprint's folder). An image recipe is compiled as its build.sh deploys it: from a
    /// copy of its folder with the build-info file written, reading that file outside the recipe's
    /// folder as `--read-any-file` allows.
    public func compile(in folder: URL) throws -> CompileResult {
        var root = folder
        var files = BlueprintFiles.blueprintFolder
        if path.hasPrefix(Self.buildScriptFolder + "/") {
            let copy = FileManager.default.temporaryDirectory.appendingPathComponent("hpcc-ctk-\(UUID().uuidString)")
            let target = copy.appendingPathComponent(Self.buildScriptFolder)
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: folder.appendingPathComponent(Self.buildScriptFolder), to: target)
            try Data("gcluster version: hpcc test\n\nGit Status:\nclean\n".utf8).write(
                to: target.appendingPathComponent("gcluster-build-info"))
            root = copy
            files = .anyFile
        }
        defer { if root != folder { try? FileManager.default.removeItem(at: root) } }
        func source(_ path: String) throws -> SourceFile {
            let url = root.appendingPathComponent(path)
            return SourceFile(name: url.path, text: try String(contentsOf: url, encoding: .utf8))
        }
        return Compiler(files: files).compile(
            try source(path), deploymentFile: try deploymentFile.map(source), variables: variables(in: folder))
    }
}

/// The Cluster Toolkit's examples (every YAML file with a `blueprint_name`) in the upstream folder.
public enum UpstreamExamples {
    /// How the consumer checks name an upstream example: `ctk:<path>`.
    public static let prefix = "ctk:"

    /// Whether a compiled example counts as compiling: no error and no setting without effect.
    public static func compiles(_ result: CompileResult) -> Bool {
        !result.diagnostics.contains { $0.severity == .error || $0.code == .settingNoEffect }
    }

    /// The paths of the examples that compile, when `../shared` is there.
    public static let compiling: [String] = {
        let folder = SharedFolder.upstreamExamples
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("PROVENANCE.md").path) else {
            return []
        }
        return all(in: folder).filter { example in
            example.exclusion == nil && ((try? example.compile(in: folder)).map(compiles) ?? false)
        }.map(\.path)
    }()

    /// Compiles the example at `path` of the upstream folder.
    public static func compile(_ path: String) throws -> CompileResult {
        let folder = SharedFolder.upstreamExamples
        let text = try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
        return try UpstreamExample(path: path, text: text, folder: folder).compile(in: folder)
    }

    /// Every example, by path.
    public static func all(in folder: URL) -> [UpstreamExample] {
        Repository.files(under: folder).compactMap { path in
            guard path.hasSuffix(".yaml"),
                let text = try? String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8),
                text.hasPrefix("blueprint_name:") || text.contains("\nblueprint_name:")
            else { return nil }
            return UpstreamExample(path: path, text: text, folder: folder)
        }
    }
}
