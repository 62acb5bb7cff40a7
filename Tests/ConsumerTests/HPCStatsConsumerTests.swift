import ConsumerChecks
import Foundation
@_spi(Tools) import HPCCompiler
import Testing
import TestSupport

/// HPCStats' configuration as HPCStats reads it: `Tests/Tools/hpcstats-check.py` parses
/// hpcstats.conf and every architecture file with Python's configparser, requires every option
/// HPCStats reads without a default, and counts nodes, cores and memory, which must match what
/// the blueprint describes. `install.sh` is run into a scratch root and its result read again.
@Suite(
    "HPCStats reads the emitted configuration",
    .enabled(if: Shell.has("python3") || ConsumerTools.required, "python3 is needed"))
struct HPCStatsConsumerTests {
    static let checker = Repository.root.appendingPathComponent("Tests/Tools/hpcstats-check.py").path

    struct GroupFigures: Decodable, Equatable {
        let nodes: Int
        let cores_per_node: Int
        let memory_mib: Int
    }

    struct ClusterFigures: Decodable {
        let nodes: Int
        let cores: Int
        let memory_mib: Int
        let groups: [String: GroupFigures]
    }

    struct Summary: Decodable {
        let clusters: [String: ClusterFigures]
    }

    static func check(
        _ deployment: URL, installed: URL? = nil
    ) throws -> (status: Int32, summary: Summary?, errors: String) {
        let outcome = try Shell.run(
            "/usr/bin/env", ["python3", checker, deployment.path] + (installed.map { [$0.path] } ?? []))
        let summary =
            outcome.status == 0 ? try JSONDecoder().decode(Summary.self, from: Data(outcome.stdout.utf8)) : nil
        return (outcome.status, summary, outcome.stderr)
    }

    /// The figures the blueprint itself gives: host lists expanded by hpcc, hardware as written.
    static func expected(_ deployment: Deployment, cluster name: String) -> [String: GroupFigures] {
        if let cluster = deployment.onPremClusters.first(where: { $0.name == name }) {
            let placed = Set(cluster.partitions.flatMap(\.nodeGroups))
            return Dictionary(
                uniqueKeysWithValues: cluster.nodeGroups.filter { placed.contains($0.name) }.map {
                    ($0.name, GroupFigures(nodes: $0.hosts.count, cores_per_node: $0.cores, memory_mib: $0.memoryMiB))
                })
        }
        let cluster = deployment.clusters.first { $0.name == name }
        return Dictionary(
            uniqueKeysWithValues: (cluster?.nodesets ?? []).map {
                (
                    $0.name,
                    GroupFigures(
                        nodes: $0.count,
                        cores_per_node: $0.shape.boards * $0.shape.socketsPerBoard * $0.shape.coresPerSocket,
                        memory_mib: $0.instance.machine.memoryMiB)
                )
            })
    }

    static var statsBlueprints: [String] {
        Repository.blueprintNames.filter { (try? Repository.compile($0).deployment?.hpcStats) != nil }
    }

    @Test func aShippedBlueprintDescribesHPCStats() {
        #expect(Self.statsBlueprints == ["onprem-bwvisu"])
    }

    @Test(arguments: statsBlueprints)
    func configurationParsesWithTheBlueprintsFigures(_ name: String) throws {
        let result = try Repository.compile(name)
        let deployment = try #require(result.deployment)
        let setup = try #require(deployment.hpcStats)
        let folder = try ConsumerTools.writeDeployment(result.files)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (status, summary, errors) = try Self.check(folder)
        #expect(status == 0, "\(errors)")
        let clusters = try #require(summary?.clusters)
        #expect(Set(clusters.keys) == Set(setup.clusters.map(\.name)))
        for (cluster, figures) in clusters {
            let expected = Self.expected(deployment, cluster: cluster)
            #expect(figures.groups == expected, "cluster \(cluster)")
            #expect(figures.nodes == expected.values.map(\.nodes).reduce(0, +))
            #expect(figures.cores == expected.values.map { $0.nodes * $0.cores_per_node }.reduce(0, +))
            #expect(figures.memory_mib == expected.values.map { $0.nodes * $0.memory_mib }.reduce(0, +))
            ConsumerTools.record(
                name, "hpcstats configparser",
                """
                \(cluster): \(figures.nodes) nodes, \(figures.cores) cores, \(figures.memory_mib / 1024) GiB in \
                \(figures.groups.count) node groups, as in the blueprint
                """
            )
        }
    }

    @Test(arguments: statsBlueprints)
    func installerPutsThePasswordsIn(_ name: String) throws {
        let result = try Repository.compile(name)
        let setup = try #require(result.deployment?.hpcStats)
        let folder = try ConsumerTools.writeDeployment(result.files)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "hpcc-hpcstats-root-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: folder)
            try? FileManager.default.removeItem(at: root)
        }
        let passwords = [
            setup.database.passwordFile: "db-Secret_1", setup.accountingPasswordFile: "acct!pw~2",
            setup.users.passwordFile: "ldap{pw}3",
        ]
        for (file, password) in passwords {
            let url = root.appendingPathComponent(String(file.dropFirst()))
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try (password + "\n").write(to: url, atomically: true, encoding: .utf8)
        }
        let installer = folder.appendingPathComponent("hpcstats/install.sh").path
        let outcome = try Shell.run("/bin/sh", [installer, root.path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let installed = root.appendingPathComponent(String(setup.configDirectory.dropFirst()) + "/hpcstats.conf")
        let text = try String(contentsOf: installed, encoding: .utf8)
        #expect(text.contains("password = db-Secret_1\n"))
        #expect(text.contains("password = acct!pw~2\n"))
        #expect(!text.contains(" = {file:") && !text.contains(" = {phash-of-file:"))
        let mode = try FileManager.default.attributesOfItem(atPath: installed.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // HPCStats decodes phash as base64, ROT47, base64: the bind password must come back.
        let phash = try #require(text.components(separatedBy: "\n").first { $0.hasPrefix("phash = ") }).dropFirst(
            "phash = ".count)
        let rotated = String(decoding: try #require(Data(base64Encoded: String(phash))), as: UTF8.self)
        let unrotated = String(
            String.UnicodeScalarView(
                rotated.unicodeScalars.map { scalar in
                    (33...126).contains(scalar.value) ? Unicode.Scalar(33 + (scalar.value - 33 + 47) % 94)! : scalar
                }))
        #expect(String(decoding: try #require(Data(base64Encoded: unrotated)), as: UTF8.self) == "ldap{pw}3")
        let (status, _, errors) = try Self.check(folder, installed: root)
        #expect(status == 0, "\(errors)")
        ConsumerTools.record(
            name, "hpcstats install",
            "installed with \(passwords.count) passwords read from their files; configparser reads the result")

        // A password HPCStats cannot carry is refused, and the installed file stays as it was.
        try "two words\n".write(
            to: root.appendingPathComponent(String(setup.database.passwordFile.dropFirst())), atomically: true,
            encoding: .utf8)
        let refused = try Shell.run("/bin/sh", [installer, root.path])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("must hold one password without blanks"))
        #expect(try String(contentsOf: installed, encoding: .utf8) == text)
    }

    /// The checker can fail: memory HPCStats cannot parse, a missing option and spaces in a list.
    @Test func checkerRejectsWhatHPCStatsWouldNot() throws {
        let result = try Repository.compile("onprem-bwvisu")
        for (old, new, complaint) in [
            ("memory = 24GB", "memory = 1.5TB", "is not a whole number of MB, GB or TB"),
            ("corespersocket = 6\n", "", "missing option corespersocket"),
            ("partitions = compute,fat,vis", "partitions = compute, fat,vis", "has blanks"),
            ("frequency = 2.93GHz", "frequency = 2.93 G", "is not in MHz or GHz"),
        ] {
            let files = result.files.map { file in
                file.path == "hpcstats/bwvis/architecture.conf"
                    ? OutputFile(path: file.path, text: file.text.replacingOccurrences(of: old, with: new)) : file
            }
            #expect(files != result.files, "\(old) must be in the architecture file")
            let folder = try ConsumerTools.writeDeployment(files)
            defer { try? FileManager.default.removeItem(at: folder) }
            let (status, _, errors) = try Self.check(folder)
            #expect(status != 0)
            #expect(errors.contains(complaint), "\(errors)")
        }
    }
}
