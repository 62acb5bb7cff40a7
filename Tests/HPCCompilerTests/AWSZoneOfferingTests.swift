import Foundation
import Testing
@_spi(Tools) @testable import HPCCompiler

/// HPC3065: an instance type in an availability zone that does not offer it, by moto 5.2.5's
/// recorded offerings (eu-west-1 offers hpc7a.96xlarge in eu-west-1b only, p4d.24xlarge in
/// eu-west-1c only, g6.xlarge in none of its zones).
@Suite("AWS zone offerings")
struct AWSZoneOfferingTests {
    @Test func theWrongZoneFixtureNamesTheZonesThatWouldWork() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../Fixtures/aws-wrong-zone.yaml")
        let result = compile(try String(contentsOf: url, encoding: .utf8))
        #expect(positions(result.diagnostics) == ["32:26 HPC3065", "39:26 HPC3065", "44:26 HPC3065"])
        #expect(
            result.diagnostics.map(\.message) == [
                """
                hpc7a.96xlarge of compute resource 'hpc7a' of queue 'mpi' is not offered in availability zone \
                eu-west-1a; in eu-west-1 only eu-west-1b offers it
                """,
                """
                p4d.24xlarge of compute resource 'p4d' of queue 'gpu' is not offered in availability zone eu-west-1a; \
                in eu-west-1 only eu-west-1c offers it
                """,
                """
                g6.xlarge of compute resource 'g6' of queue 'viz' is not offered in availability zone eu-west-1a; \
                eu-west-1 offers it in none of its zones
                """,
            ])
        #expect(result.files.isEmpty)
    }

    @Test func theHeadNodeRunsInTheFirstZone() {
        let result = compile(
            pclusterBlueprint(cluster: "      head_node: {instance_type: p4d.24xlarge}\n", zones: "[eu-west-1a]"))
        #expect(positions(result.diagnostics) == ["15:34 HPC3065"])
        #expect(result.diagnostics.first?.message.hasPrefix("p4d.24xlarge of the head node is not offered") == true)
    }

    @Test func aMultiZoneQueueListsEveryZoneThatLacksTheType() {
        let result = compile(
            pclusterBlueprint(
                queues: """
                          - name: mpi
                            multi_az: true
                            compute_resources: [{name: big, instance_type: hpc7a.96xlarge, max_count: 2}]

                    """, zones: "[eu-west-1a, eu-west-1b, eu-west-1c]"))
        #expect(
            result.diagnostics.map(\.message) == [
                """
                hpc7a.96xlarge of compute resource 'big' of queue 'mpi' is not offered in availability zones \
                eu-west-1a and eu-west-1c; in eu-west-1 only eu-west-1b offers it
                """
            ])
    }

    @Test func anEKSWorkerGroupRunsInEverySubnetOfTheGrid() {
        let result = compile(
            htcGridBlueprint(
                workerGroups: """
                          - node_group_name: workers
                            instance_types: [m6i.xlarge, p4d.24xlarge]
                            min_size: 1
                            max_size: 25
                            desired_size: 1

                    """))
        #expect(positions(result.diagnostics.filter { $0.code == .instanceTypeNotInZone }) == ["19:38 HPC3065"])
        #expect(
            result.diagnostics.first { $0.code == .instanceTypeNotInZone }?.message
                == """
                p4d.24xlarge of worker group 'workers' is not offered in availability zones eu-west-1a and eu-west-1b; \
                in eu-west-1 only eu-west-1c offers it
                """)
    }

    /// ap-southeast-7 is a region moto records no offerings for, eu-west-1d a zone it records none
    /// in: no data is not an error.
    @Test func zonesTheDataDoesNotCoverAreNotErrors() {
        let queue = """
                  - name: mpi
                    compute_resources: [{name: big, instance_type: hpc7a.96xlarge, max_count: 2}]

            """
        let uncoveredRegion = pclusterBlueprint(queues: queue, zones: "[ap-southeast-7a]")
            .replacingOccurrences(of: "region: eu-west-1", with: "region: ap-southeast-7")
        #expect(compile(uncoveredRegion).diagnostics.filter { $0.severity == .error }.map(\.message) == [])
        let uncoveredZone = pclusterBlueprint(queues: queue, zones: "[eu-west-1d]")
        #expect(compile(uncoveredZone).diagnostics.filter { $0.severity == .error }.map(\.message) == [])
    }
}
