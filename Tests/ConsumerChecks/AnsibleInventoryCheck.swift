import Foundation
import TestSupport

/// The real consumer of the inventory: `ansible-inventory --list` with only the YAML plugin
/// enabled and unparsed sources fatal. Any `[WARNING]` is a rejection too: a misspelled key such
/// as `childern` is otherwise only warned about.
public enum AnsibleInventoryCheck {
    /// `ansible-inventory` on the PATH, or in the repository's `.venv` that `.ci/run` creates.
    public static var executable: String? {
        Shell.which("ansible-inventory")
            ?? {
                let local = Repository.root.appendingPathComponent(".venv/bin/ansible-inventory").path
                return FileManager.default.isExecutableFile(atPath: local) ? local : nil
            }()
    }

    /// Hosts and groups as Ansible parsed them.
    public struct Report {
        public var hosts = Set<String>()
        public var groups = Set<String>()
        /// Each host's string variables as Ansible resolves them (its own over its groups').
        public var variables: [String: [String: String]] = [:]
    }

    public struct Rejection: Error, CustomStringConvertible {
        public let description: String
    }

    public struct Unavailable: Error, CustomStringConvertible {
        public init() {}
        public let description =
            """
            ansible-inventory is not installed: run .ci/run, or python3 -m venv .venv && .venv/bin/pip install \
            ansible-core
            """
    }

    public static func list(_ inventory: String) throws -> Report {
        guard let executable else { throw Unavailable() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "hpcc-ansible-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("home"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("inventory.yml")
        try Data(inventory.utf8).write(to: file)
        let outcome = try Shell.run(
            executable, ["-i", file.path, "--list"],
            environment: [
                "ANSIBLE_INVENTORY_ENABLED": "yaml",
                "ANSIBLE_INVENTORY_UNPARSED_FAILED": "1",
                "ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED": "1",
                "ANSIBLE_NOCOLOR": "1",
                "ANSIBLE_HOME": directory.appendingPathComponent("home").path,
                "ANSIBLE_LOCAL_TEMP": directory.appendingPathComponent("home/tmp").path,
                "ANSIBLE_CONFIG": directory.appendingPathComponent("none.cfg").path,
            ], directory: directory)
        let warnings = outcome.stderr.split(separator: "\n").filter { $0.contains("WARNING") || $0.contains("ERROR") }
        guard outcome.status == 0, warnings.isEmpty else {
            throw Rejection(description: "ansible-inventory exited \(outcome.status):\n\(outcome.stderr)")
        }
        guard let listing = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any] else {
            throw Rejection(description: "ansible-inventory --list printed no JSON:\n\(outcome.stdout)")
        }
        var report = Report()
        let hostVariables = (listing["_meta"] as? [String: Any])?["hostvars"] as? [String: Any] ?? [:]
        report.hosts = Set(hostVariables.keys)
        for (host, variables) in hostVariables {
            report.variables[host] = (variables as? [String: Any] ?? [:]).compactMapValues { $0 as? String }
        }
        for (name, value) in listing where name != "_meta" {
            report.groups.insert(name)
            let group = value as? [String: Any] ?? [:]
            report.groups.formUnion(group["children"] as? [String] ?? [])
            report.hosts.formUnion(group["hosts"] as? [String] ?? [])
        }
        return report
    }
}
