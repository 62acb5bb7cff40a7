import Foundation
import TestSupport

/// A real Slurm (munged, slurmctld, slurmd) on this machine, started from an emitted slurm.conf
/// unchanged by `Tests/Tools/slurm-localhost-run.sh`, with one `sbatch --wait` job per partition.
public enum SlurmLocalRun {
    public static let tools = [
        "munged", "slurmctld", "slurmd", "sbatch", "sinfo", "scontrol", "slurmdbd", "sacct", "mariadbd",
        "mariadb-install-db", "slurmrestd", "curl", "openssl", "setpriv", "nft",
    ]
    public static var available: Bool { tools.allSatisfy(Shell.has) }

    public struct Job: Equatable {
        public let id: String
        public let partition: String
        public let state: String
        public let exitCode: String
        public let output: String
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// `count` distinct free TCP ports on 127.0.0.1.
    public static func freePorts(_ count: Int) throws -> [Int] {
        let program =
            """
            import socket\nsockets = [socket.socket() for _ in range(\(count))]\nfor s in sockets: \
            s.bind(('127.0.0.1', 0))\nprint(*[s.getsockname()[1] for s in sockets])
            """
        let ports = try Shell.run("/usr/bin/env", ["python3", "-c", program]).stdout.split(separator: " ").compactMap {
            Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        guard ports.count == count else { throw Failure(description: "no free ports") }
        return ports
    }

    /// The user the tests run as (the daemons' SlurmUser).
    public static func user() throws -> String {
        try Shell.run("/usr/bin/id", ["-un"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A job as sacct reports it.
    public struct AccountedJob: Equatable, CustomStringConvertible {
        public let id: String
        public let partition: String
        public let state: String
        public var description: String { "\(id) \(partition) \(state)" }
    }

    /// One request to slurmrestd (or a finding about it): `rest <case> <name> <status> <detail>`.
    public struct RestRequest: Equatable, CustomStringConvertible {
        /// `valid`, `other-key`, `expired`, or `slurmctld` / `nftables` for what they said.
        public let kind: String
        public let name: String
        public let status: String
        public let detail: String
        public var description: String { "\(kind) \(name) \(status) \(detail)" }
    }

    /// The jobs run, (with accounting) what sacct recorded, what each job's job scripts wrote to
    /// RUN_DIR/markers/<job id> (line by line, by job id), and (with a REST API) its requests.
    public struct Outcome {
        /// sacct's own table, as an operator sees it.
        public let sacct: [String]
        public let jobs: [Job]
        public let accounted: [AccountedJob]
        public let scripts: [String: [String]]
        public var rest: [RestRequest] = []
    }

    /// A stand-in identity provider's key: `key` (a private key file, mode 0600, never printed),
    /// its `kid`, and the JWKS publishing its public half.
    public struct IssuerKey {
        public let key: URL
        public let kid: String
        public let jwks: String
        /// What the localhost run signs tokens with.
        public var environment: [String: String] { ["HPCC_REST_KEY": key.path, "HPCC_REST_KID": kid] }
    }

    /// A new RSA key in `directory` and its JWKS, made by `Tests/Tools/jwt-test-issuer.sh`.
    public static func issuerKey(in directory: URL) throws -> IssuerKey {
        let script = Repository.root.appendingPathComponent("Tests/Tools/jwt-test-issuer.sh").path
        try FileManager.default.createDirectory(
            at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let key = directory.appendingPathComponent("idp.pem")
        let kid = "hpcc-test-\(UUID().uuidString.prefix(8).lowercased())"
        let made = try Shell.run("/bin/bash", [script, "key", key.path])
        guard made.status == 0 else { throw Failure(description: "jwt-test-issuer key: \(made.stderr)") }
        let jwks = try Shell.run("/bin/bash", [script, "jwks", key.path, kid])
        guard jwks.status == 0 else { throw Failure(description: "jwt-test-issuer jwks: \(jwks.stderr)") }
        return IssuerKey(key: key, kid: kid, jwks: jwks.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Runs the cluster of `conf` under `runDirectory` and a job in every partition.
    public static func run(
        conf: URL, runDirectory: URL, node: String, environment: [String: String] = [:]
    ) throws -> Outcome {
        try run("slurm-localhost-run.sh", [conf.path, runDirectory.path, node], environment: environment)
    }

    /// What `Tests/Tools/slurm-cloud-run.sh` needs besides Slurm, MUNGE and MariaDB.
    public static let cloudTools = ["ip", "nsenter", "unshare", "mount"]

    /// Runs a Google Cloud cluster's emitted Slurm files (`slurmDirectory`) in namespaces of their own,
    /// with MariaDB on `databaseAddress` standing in for Cloud SQL, and jobs in every partition.
    public static func runCloud(slurmDirectory: URL, runDirectory: URL, databaseAddress: String) throws -> Outcome {
        try run("slurm-cloud-run.sh", [slurmDirectory.path, runDirectory.path, databaseAddress])
    }

    private static func run(
        _ tool: String, _ arguments: [String], environment: [String: String] = [:]
    ) throws -> Outcome {
        let script = Repository.root.appendingPathComponent("Tests/Tools/\(tool)")
        let outcome = try Shell.run("/bin/bash", [script.path] + arguments, environment: environment)
        guard outcome.status == 0 else {
            throw Failure(
                description: "\(tool) exited \(outcome.status):\n\(outcome.stdout)\(outcome.stderr)")
        }
        let lines = outcome.stdout.split(separator: "\n").map {
            $0.split(separator: " ", maxSplits: 5).map(String.init)
        }
        return Outcome(
            sacct: lines.compactMap { fields in
                fields.first == "sacct|" ? fields.dropFirst().joined(separator: " ") : nil
            },
            jobs: lines.compactMap { fields in
                guard fields.count >= 5, fields[0] == "job" else { return nil }
                return Job(
                    id: fields[1], partition: fields[2], state: fields[3], exitCode: fields[4],
                    output: fields.count > 5 ? fields[5] : "")
            },
            accounted: lines.compactMap { fields in
                guard fields.count == 4, fields[0] == "accounted" else { return nil }
                return AccountedJob(id: fields[1], partition: fields[2], state: fields[3])
            },
            scripts: Dictionary(
                outcome.stdout.split(separator: "\n").compactMap { line -> (String, [String])? in
                    let fields = line.split(separator: " ", maxSplits: 2).map(String.init)
                    guard fields.count == 3, fields[0] == "scripts" else { return nil }
                    return (fields[1], fields[2].split(separator: ";").map(String.init))
                },
                uniquingKeysWith: { first, _ in first }),
            rest: lines.compactMap { fields in
                guard fields.count >= 4, fields[0] == "rest" else { return nil }
                return RestRequest(
                    kind: fields[1], name: fields[2], status: fields[3],
                    detail: fields.dropFirst(4).joined(separator: " "))
            }
        )
    }
}
