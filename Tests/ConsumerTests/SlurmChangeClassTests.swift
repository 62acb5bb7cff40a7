import ConsumerChecks
import Foundation
@_spi(Tools) @testable import HPCCompiler
import Testing
import TestSupport

/// Issue 24's "judged by slurmctld": each change is made to `onprem-localhost.yaml`'s text, both
/// builds are compiled by hpcc, and the new slurm.conf is applied to a slurmctld running the old one.
/// What slurmctld shows after `scontrol reconfigure` and after a restart gives the change's class;
/// `SlurmChanges.compare` must give the same for the same pair of builds.
@Suite("hpcc diff's Slurm change classes, judged by a running slurmctld", .serialized)
struct SlurmChangeClassTests {
    /// One edit of the blueprint, the change hpcc should find, and what shows it applied.
    struct Case: Sendable {
        let name: String
        let edit: @Sendable (String) -> String
        /// The subject of the SlurmChange judged.
        let subject: String
        let applied: @Sendable (SlurmChangeCheck.Snapshot) -> Bool
    }

    static let node = "localhost"

    static let cases: [Case] = [
        Case(
            name: "partition MaxTime",
            edit: { $0.replacingOccurrences(of: "max_time: \"30:00\"", with: "max_time: \"45:00\"") },
            subject: "PartitionName=debug", applied: { $0.partitions["debug"]?["MaxTime"] == "00:45:00" }),
        Case(
            name: "SlurmctldPort", edit: { $0 }, subject: "SlurmctldPort",
            applied: { $0.alive && $0.config["SlurmctldPort"] == "NEW_PORT" }),
        Case(
            name: "node CPUs",
            edit: { $0.replacingOccurrences(of: "cores_per_socket: 1", with: "cores_per_socket: 2") },
            subject: "NodeName=localhost", applied: { $0.nodes[node]?["CPUTot"] == "2" }),
        Case(
            name: "node RealMemory past the machine's",
            edit: { $0.replacingOccurrences(of: "memory: 1GB", with: "memory: 16TB") },
            subject: "NodeName=localhost",
            applied: { ($0.nodes[node]?["RealMemory"]).flatMap { Int($0) } ?? 0 > 1_000_000 }),
        Case(
            name: "node added",
            edit: {
                // Before the localhost group: Slurm 22.05 takes every name for a lone node called localhost.
                $0.replacingOccurrences(
                    of: "      node_groups:\n",
                    with:
                        "      node_groups:\n      - {name: spare, hostnames: spare1, sockets: 1, cores_per_socket: 1, "
                        + "threads_per_core: 1, memory: 1GB}\n"
                ).replacingOccurrences(
                    of: "node_groups: [local]\n        max_time: 1-00",
                    with: "node_groups: [local, spare]\n        max_time: 1-00")
            },
            subject: "NodeName=spare1", applied: { $0.nodes["spare1"] != nil }),
        Case(
            name: "partition added",
            edit: {
                $0.replacingOccurrences(
                    of: "      partitions:\n",
                    with: "      partitions:\n      - {name: extra, node_groups: [local], max_time: \"10:00\"}\n")
            },
            subject: "PartitionName=extra", applied: { $0.partitions["extra"] != nil }),
        Case(
            name: "partition removed",
            edit: {
                $0.replacingOccurrences(
                    of: "      - name: batch\n        node_groups: [local]\n        max_time: 1-00:00:00\n", with: "")
            },
            subject: "PartitionName=batch", applied: { $0.partitions["batch"] == nil }),
    ]

    /// The class slurmctld's behaviour shows: taken by a reconfigure without complaint; refused,
    /// complained about or not taken until a restart; or a node that stays drained as invalid even
    /// after the restart, until its machine matches.
    static func judged(
        _ outcome: SlurmChangeCheck.Outcome, applied: (SlurmChangeCheck.Snapshot) -> Bool
    )
        -> SlurmChange.Takes?
    {
        let drained = outcome.restarted.nodes.values.contains {
            ($0["State"] ?? "").contains("INVALID_REG") && ($0["State"] ?? "").contains("DRAIN")
        }
        if applied(outcome.restarted) && drained { return .drainAndReboot }
        let complained = !outcome.reconfigure.hasPrefix("0") || outcome.log.contains { $0.contains("restart") }
        if outcome.reconfigured.alive && applied(outcome.reconfigured) && !complained { return .reconfigure }
        if applied(outcome.restarted) && outcome.restarted.alive { return .restartSlurmctld }
        return nil
    }

    /// The blueprint without accounting and the REST API and their variables (the check starts neither).
    static func blueprint(_ edit: (String) -> String) throws -> String {
        var text = try String(
            contentsOf: Repository.blueprints.appendingPathComponent("onprem-localhost.yaml"), encoding: .utf8)
        for (start, end) in [
            ("  slurmdbd_port:", "\ndeployment_groups:"), ("      accounting:\n", "      # Job scripts"),
            ("      # Slurm's REST API", nil),
        ] {
            guard let from = text.range(of: start) else { continue }
            let to = end.flatMap { text.range(of: $0, range: from.upperBound..<text.endIndex)?.lowerBound }
            text.removeSubrange(from.lowerBound..<(to ?? text.endIndex))
        }
        return edit(text)
    }

    /// The Slurm folder's files of one build.
    static func build(_ text: String, variables: [String]) throws -> [String: String] {
        let result = Compiler().compile(SourceFile(name: "onprem-localhost.yaml", text: text), variables: variables)
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors)")
        let folder = "slurm/localhost/"
        return Dictionary(
            result.files.filter { $0.path.hasPrefix(folder) }.map {
                (String($0.path.dropFirst(folder.count)), String(decoding: $0.contents, as: UTF8.self))
            }, uniquingKeysWith: { first, _ in first })
    }

    @Test(arguments: cases.map(\.name))
    func slurmctldShowsTheClassHPCCGives(_ name: String) throws {
        let check = "slurm change class: \(name)"
        guard SlurmChangeCheck.available || ConsumerTools.required else {
            ConsumerTools.record(
                "onprem-localhost", check,
                ConsumerTools.skipped(
                    check, because: "slurmctld, slurmd, scontrol or munged is not installed (run .ci/run)"))
            return
        }
        let item = try #require(Self.cases.first { $0.name == name })
        let run = URL(fileURLWithPath: "/tmp/hpcc-chg-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: run) }
        let ports = try SlurmLocalRun.freePorts(3)
        let common = ["run_dir=\(run.path)", "slurm_user=\(try SlurmLocalRun.user())", "slurmd_port=\(ports[1])"]
        let newPort = item.name == "SlurmctldPort" ? ports[2] : ports[0]
        let old = try Self.build(try Self.blueprint { $0 }, variables: common + ["slurmctld_port=\(ports[0])"])
        let new = try Self.build(try Self.blueprint(item.edit), variables: common + ["slurmctld_port=\(newPort)"])
        let changes = SlurmChanges.compare(folder: "slurm/localhost", old: old, new: new)
        let change = try #require(changes.first { $0.subject == item.subject }, "\(changes.map(\.subject))")

        let files = run.appendingPathComponent("confs")
        try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
        let (oldConf, newConf) = (files.appendingPathComponent("old.conf"), files.appendingPathComponent("new.conf"))
        try old["slurm.conf"]!.write(to: oldConf, atomically: true, encoding: .utf8)
        try new["slurm.conf"]!.write(to: newConf, atomically: true, encoding: .utf8)
        let outcome = try SlurmChangeCheck.run(old: oldConf, new: newConf, runDirectory: run, node: Self.node)
        #expect(outcome.before.alive, "slurmctld did not start from the old build")
        #expect(!item.applied(outcome.before), "the old build already shows the change")
        let applied: @Sendable (SlurmChangeCheck.Snapshot) -> Bool = {
            item.name == "SlurmctldPort"
                ? $0.alive && $0.config["SlurmctldPort"] == String(newPort) : item.applied($0)
        }
        let judged = Self.judged(outcome, applied: applied)
        if item.name == "node CPUs" {
            // slurmctld can show that the restart is needed; the reboot half (the machine's cores
            // change) is hpcc's to know.
            #expect(judged == .restartSlurmctld && change.takes == .drainAndReboot, "\(judged as Any) \(change)")
        } else {
            #expect(change.takes == judged, "hpcc: \(change.takes), slurmctld: \(judged as Any); \(outcome.log)")
        }
        ConsumerTools.record(
            "onprem-localhost", check,
            "hpcc \(change.takes.rawValue) (\(change.before ?? "-") → \(change.after ?? "-")); slurmctld: reconfigure "
                + "\(outcome.reconfigured.alive ? "alive" : "not answering") "
                + "applied=\(applied(outcome.reconfigured)) "
                + "[\(outcome.reconfigure.trimmingCharacters(in: .whitespaces))"
                + (outcome.log.filter { $0.contains("restart") || $0.contains("fatal") }.map { "; " + $0 }.joined())
                + "], restart applied=\(applied(outcome.restarted)); daemons stopped by PID")
    }
}
