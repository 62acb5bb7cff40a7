import Foundation
@_spi(Tools) @testable import HPCCompiler
import Testing
import TestSupport

/// SlurmChanges without Slurm: literal slurm.conf pairs and the classes they must get.
@Suite("Slurm changes classified by what they take")
struct SlurmChangesTests {
    static let base = """
        ClusterName=c
        SchedulerParameters=bf_continue
        SelectType=select/cons_tres
        NodeName=DEFAULT State=UNKNOWN
        NodeName=cn[1-4] CPUs=4 RealMemory=1000 # four nodes
        NodeSet=all Nodes=cn[1-4]
        PartitionName=debug Nodes=all MaxTime=30:00 Default=YES
        PartitionName=batch Nodes=all MaxTime=1-00:00:00
        """

    func compare(_ old: [String: String], _ new: [String: String]) -> [SlurmChange] {
        SlurmChanges.compare(folder: "slurm", old: old, new: new)
    }

    func conf(_ edit: (String) -> String) -> [String: String] { ["slurm.conf": edit(Self.base)] }

    @Test func identicalFilesChangeNothing() {
        #expect(compare(conf { $0 }, conf { $0 }).isEmpty)
    }

    @Test func parametersTakeWhatTheTableSays() {
        let changes = compare(
            conf { $0 },
            conf {
                $0.replacingOccurrences(of: "select/cons_tres", with: "select/linear")
                    .replacingOccurrences(of: "bf_continue", with: "bf_continue,no_backup_scheduling")
                    .replacingOccurrences(of: "ClusterName=c", with: "clustername=c\nMessageTimeout=60")
            })
        #expect(
            changes.map { "\($0.subject) \($0.takes.rawValue) \($0.affectsRunningJobs)" } == [
                "MessageTimeout reconfigure false", "SchedulerParameters restart-slurmctld false",
                "SelectType restart-slurmctld true",
            ])
        // An option the man page notes nothing for is a reconfigure.
        let option = compare(conf { $0 }, conf { $0.replacingOccurrences(of: "bf_continue", with: "bf_interval=60") })
        #expect(option.map(\.takes) == [.reconfigure])
    }

    @Test func nodesAddedRemovedAndResized() {
        let changes = compare(
            conf { $0 },
            conf {
                $0.replacingOccurrences(of: "cn[1-4] CPUs=4 RealMemory=1000", with: "cn[2-6] CPUs=4 RealMemory=2000")
            })
        #expect(
            changes.map { "\($0.subject) \($0.takes.rawValue) \($0.nodes ?? "") \($0.affectsRunningJobs)" } == [
                "NodeName=cn[1-4] restart-slurmctld cn1 true",
                "NodeName=cn[2-6] drain-and-reboot cn[2-4] false",
                "NodeName=cn[2-6] restart-slurmctld cn[5-6] false",
            ])
        let resized = changes.first { $0.takes == .drainAndReboot }
        #expect(resized?.before == "RealMemory=1000" && resized?.after == "RealMemory=2000")
        // A node attribute that is not hardware still needs the daemons restarted.
        let weight = compare(conf { $0 }, conf { $0.replacingOccurrences(of: "CPUs=4 ", with: "CPUs=4 Weight=5 ") })
        #expect(weight.map(\.takes) == [.restartSlurmctld])
        // DEFAULT lines apply to the lines after them.
        let state = compare(conf { $0 }, conf { $0.replacingOccurrences(of: "State=UNKNOWN", with: "State=CLOUD") })
        #expect(state.map { "\($0.before ?? "") \($0.after ?? "")" } == ["State=UNKNOWN State=CLOUD"])
    }

    @Test func partitionsAndNodesets() {
        let changes = compare(
            conf { $0 },
            conf {
                $0.replacingOccurrences(of: "PartitionName=batch Nodes=all MaxTime=1-00:00:00", with: "")
                    .replacingOccurrences(of: "MaxTime=30:00", with: "MaxTime=45:00")
                    + "\nPartitionName=gpu Nodes=all\nNodeSet=half Nodes=cn[1-2]"
            })
        #expect(
            changes.map { "\($0.subject) \($0.takes.rawValue) \($0.affectsRunningJobs)" } == [
                "NodeSet=half reconfigure false", "PartitionName=batch reconfigure true",
                "PartitionName=debug reconfigure false", "PartitionName=gpu reconfigure false",
            ])
        #expect(changes.first { $0.subject == "PartitionName=debug" }?.after == "MaxTime=45:00")
    }

    @Test func otherFiles() {
        let old = [
            "slurm.conf": "Include cloud.conf\n", "cloud.conf": "SuspendTime=300\n",
            "cgroup.conf": "ConstrainCores=yes\n",
            "gres.conf": "NodeName=g1 Name=gpu Type=l4 File=/dev/nvidia0\n",
            "slurmdbd.conf": "AuthType=auth/munge\nDbdPort=1\n",
            "job-scripts/prolog": "#!/bin/sh\n", "resume.sh": "a\n", "slurmrestd.service": "a\n",
        ]
        let new = [
            "slurm.conf": "Include /etc/slurm/cloud.conf\n", "cloud.conf": "SuspendTime=600\n",
            "cgroup.conf": "ConstrainCores=no\n", "gres.conf": "NodeName=g1 Name=gpu Type=h100 File=/dev/nvidia0\n",
            "slurmdbd.conf": "AuthType=auth/none\nDbdPort=2\n", "job-scripts/prolog": "#!/bin/sh\necho\n",
            "resume.sh": "b\n", "slurmrestd.service": "b\n",
        ]
        #expect(
            compare(old, new).map { "\($0.file) \($0.subject) \($0.takes.rawValue)" } == [
                "cgroup.conf ConstrainCores reconfigure", "cloud.conf SuspendTime reconfigure",
                "gres.conf NodeName=g1 Name=gpu restart-slurmctld", "job-scripts/prolog job-scripts/prolog nothing",
                "resume.sh resume.sh nothing", "slurm.conf Include reconfigure",
                "slurmdbd.conf AuthType restart-slurmdbd", "slurmdbd.conf DbdPort reload-slurmdbd",
            ])
    }

    @Test func hostListsCompress() {
        #expect(SlurmHostList.compress(["cn03", "cn01", "cn02", "cn07", "login", "gpu1"]) == "cn[01-03,07],gpu1,login")
        #expect(SlurmHostList.compress(["n9", "n10", "n11", "n08"]) == "n08,n[9-11]")
    }

    /// The Swift table is the catalog's TSV, row for row.
    @Test func factsMatchTheCatalog() throws {
        let text = try String(
            contentsOf: Repository.root.appendingPathComponent("catalogs/slurm/parameter-changes.tsv"), encoding: .utf8)
        let rows = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.dropFirst().map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
        let facts = SlurmParameterFact.all.map {
            [
                $0.file, $0.parameter, $0.option ?? "", $0.takes.rawValue, $0.affectsRunningJobs ? "yes" : "no",
                $0.reference,
            ]
        }
        #expect(facts == Array(rows))
    }
}
