import Foundation
import TestSupport

/// The local twin of Compute Engine (`Tests/Tools/gcp-twin`): instances as network, mount, UTS and
/// PID namespaces on a private bridge, a metadata server, DNS, Secret Manager and a `gcloud`
/// stand-in, with Terraform applying the emitted root through the schema-only Google provider.
/// `scenarios.py` runs hpcc's boot script, power programs and config-sync timer on it, unchanged.
public enum GCPTwin {
    public static let tools = [
        "munged", "slurmctld", "slurmd", "sbatch", "scontrol", "sinfo", "ip", "unshare", "nsenter", "curl",
        "openssl", "findmnt",
    ]

    /// Whether this machine can run it: root, the tools, and Terraform with the Google stand-in.
    public static var unavailable: String? {
        if getuid() != 0 { return "it needs root (network, mount and PID namespaces)" }
        if let missing = tools.first(where: { !Shell.has($0) }) { return "\(missing) is not installed" }
        switch TerraformCLI.shared {
        case .failure(let why): return why.description
        case .success: return nil
        }
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// What one run printed.
    public struct Outcome {
        /// `scenario NAME ok|FAIL SECONDS detail` lines, by scenario name.
        public let results: [String: (ok: Bool, seconds: Int, detail: String)]
        /// Every line of the run (gcloud calls, power and job states, mounts).
        public let lines: [String]
        /// The daemons' logs of a failed run.
        public let stderr: String
        public let status: Int32
        public let seconds: Double

        /// Lines starting with `prefix` + " ".
        public func lines(_ prefix: String) -> [String] { lines.filter { $0.hasPrefix(prefix + " ") } }
    }

    /// Builds `blueprint` (text) with the hpcc command into a fresh folder, lets `prepare` change
    /// the deployment folder (the negative controls), and runs `scenarios` on the twin. `rebuild`
    /// is the changed blueprint for the config-sync scenario; `zones` the zones each nodeset may
    /// use, in order, from the compiled deployment.
    public static func run(
        blueprint: String, scenarios: [String], zones: [String: [String]], rebuild: String? = nil,
        bound: Int = 300, prepare: (URL) throws -> Void = { _ in }
    ) throws -> Outcome {
        let cli = try TerraformCLI.shared.get()
        // The twin names its namespaces and interfaces after the last letters of its folder's name.
        let tag = String(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(5).lowercased())
        let work = URL(fileURLWithPath: "/tmp/hpcc-twin-\(tag)")
        defer { try? FileManager.default.removeItem(at: work) }
        let output = work.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let source = work.appendingPathComponent("blueprint.yaml")
        try Data(blueprint.utf8).write(to: source)
        let built = try Shell.run(HPCCBinary.url.path, ["build", source.path, "-o", output.path])
        guard built.status == 0 else { throw Failure(description: "hpcc build failed: \(built.stderr)") }
        let folders = try FileManager.default.contentsOfDirectory(atPath: output.path).filter { !$0.hasPrefix(".") }
        guard let name = folders.first, folders.count == 1 else {
            throw Failure(description: "hpcc build wrote \(folders), not one deployment folder")
        }
        let deployment = output.appendingPathComponent(name)
        try prepare(deployment)
        var arguments = [
            Repository.root.appendingPathComponent("Tests/Tools/gcp-twin/scenarios.py").path,
            "--deployment", deployment.path, "--work", work.appendingPathComponent(tag).path,
            "--scenarios", scenarios.joined(separator: ","), "--bound", String(bound), "--hpcc", HPCCBinary.url.path,
        ]
        for (nodeset, list) in zones.sorted(by: { $0.key < $1.key }) {
            arguments += ["--zones", "\(nodeset)=\(list.joined(separator: ","))"]
        }
        if let rebuild {
            let changed = work.appendingPathComponent("rebuilt.yaml")
            try Data(rebuild.utf8).write(to: changed)
            arguments += ["--rebuild", changed.path]
        }
        let started = Date()
        let outcome = try Shell.run("/usr/bin/python3", arguments, environment: cli.environmentForTools)
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        var results: [String: (Bool, Int, String)] = [:]
        for line in lines where line.hasPrefix("scenario ") {
            let fields = line.split(separator: " ", maxSplits: 4).map(String.init)
            guard fields.count >= 4, fields[2] == "ok" || fields[2] == "FAIL" else { continue }
            results[fields[1]] = (fields[2] == "ok", Int(fields[3]) ?? -1, fields.count > 4 ? fields[4] : "")
        }
        return Outcome(
            results: results, lines: lines, stderr: outcome.stderr, status: outcome.status,
            seconds: Date().timeIntervalSince(started))
    }
}
