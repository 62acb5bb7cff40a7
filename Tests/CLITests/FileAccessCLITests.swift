import Foundation
import Testing
import TestSupport

/// The command line reads files in the blueprint's folder, and with --read-any-file anything.
@Suite("hpcc file access")
struct FileAccessCLITests {
    static func blueprint(source: String) -> String {
        """
        blueprint_name: files
        vars:
          project_id: demo-project
          deployment_name: files
          region: us-central1
          zone: us-central1-a
        deployment_groups:
        - group: primary
          modules:
          - id: startup
            source: modules/scripts/startup-script
            settings:
              runners:
              - {type: data, destination: /etc/copied, source: "\(source)"}
          - id: network
            source: modules/network/vpc
          - id: nodeset
            source: community/modules/compute/schedmd-slurm-gcp-v6-nodeset
            use: [network, startup]
            settings: {machine_type: n2-standard-2}
          - id: partition
            source: community/modules/compute/schedmd-slurm-gcp-v6-partition
            use: [nodeset]
            settings: {partition_name: batch}
          - id: controller
            source: community/modules/scheduler/schedmd-slurm-gcp-v6-controller
            use: [network, partition]

        """
    }

    @Test func theCommandLineReadsTheBlueprintsFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "hpcc-cli-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("site"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("inside\n".utf8).write(to: folder.appendingPathComponent("site/inside.sh"))
        try Data("outside\n".utf8).write(to: folder.appendingPathComponent("outside.txt"))
        let path = folder.appendingPathComponent("site/bp.yaml").path
        try Data(Self.blueprint(source: "../outside.txt").utf8).write(to: URL(fileURLWithPath: path))
        let refused = try HPCCBinary.run(["validate", path])
        #expect(refused.status == 1)
        #expect(
            refused.stderr.contains(
                """
                error[HPC5005]: runner 1 of module 'startup': source file '../outside.txt' is outside the blueprint's \
                folder
                """
            ), "\(refused.stderr)")
        let granted = try HPCCBinary.run(["validate", path, "--read-any-file"])
        #expect(granted.status == 0, "\(granted.stderr)")
        try Data(Self.blueprint(source: "inside.sh").utf8).write(to: URL(fileURLWithPath: path))
        let inside = try HPCCBinary.run(["validate", path])
        #expect(inside.status == 0, "\(inside.stderr)")
    }
}
