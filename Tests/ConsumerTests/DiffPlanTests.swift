@_spi(Tools) import ConsumerChecks
import Foundation
@_spi(Tools) import HPCCompiler
import Testing
import TestSupport

/// hpcc diff judged by Terraform: each shipped AWS blueprint (OLD) is applied against moto once,
/// then each real change a platform engineer makes to it is compiled (NEW) and planned against
/// that state. What Terraform plans per resource is printed, one consumer-check line per change.
/// Slow (an apply per blueprint, a plan per change); `HPCC_SKIP_SLOW=1` skips it loudly.
@Suite("hpcc diff against terraform plan on moto")
struct DiffPlanTests {
    /// A change to a shipped blueprint's text: each `old` occurs exactly once and becomes `new`.
    struct Edit: Sendable {
        let name: String
        /// The change renames a module: Terraform must carry its objects over, destroying none.
        let isRename: Bool
        let replacements: [(old: String, new: String)]

        init(_ name: String, _ replacements: [(String, String)], isRename: Bool = false) {
            self.name = name
            self.isRename = isRename
            self.replacements = replacements.map { (old: $0.0, new: $0.1) }
        }

        func apply(to text: String) throws -> String {
            var text = text
            for (old, new) in replacements {
                let count = text.components(separatedBy: old).count - 1
                guard count == 1 else {
                    throw MotoApply.Failure(description: "\(name): '\(old)' occurs \(count) times in the blueprint")
                }
                text = text.replacingOccurrences(of: old, with: new)
            }
            return text
        }
    }

    /// A shipped blueprint, applied once, and the changes planned against it.
    struct Base: Sendable {
        let blueprint: String
        let edits: [Edit]
    }

    static let bases: [Base] = [
        Base(
            blueprint: "aws-hpc-storage",
            edits: [
                Edit(
                    "scratch FSx storage_capacity 1200 -> 2400",
                    [
                        (
                            "storage_capacity: 1200\n      per_unit_storage_throughput: 250",
                            "storage_capacity: 2400\n      per_unit_storage_throughput: 250"
                        )
                    ]),
                Edit(
                    "scratch FSx data_compression_type LZ4 -> NONE",
                    [("data_compression_type: LZ4", "data_compression_type: NONE")]),
                Edit(
                    "projects FSx deployment_type PERSISTENT_2 -> PERSISTENT_1 (125 -> 100 MB/s/TiB)",
                    [
                        (
                            "deployment_type: PERSISTENT_2\n      storage_capacity: 1200\n"
                                + "      per_unit_storage_throughput: 125",
                            "deployment_type: PERSISTENT_1\n      storage_capacity: 1200\n"
                                + "      per_unit_storage_throughput: 100"
                        )
                    ]),
                Edit(
                    "home EFS performance_mode maxIO (throughput_mode bursting)",
                    [
                        (
                            "transition_to_ia: AFTER_30_DAYS",
                            "transition_to_ia: AFTER_30_DAYS\n      performance_mode: maxIO\n"
                                + "      throughput_mode: bursting"
                        )
                    ]),
                Edit("home EFS transition_to_ia AFTER_30_DAYS -> AFTER_60_DAYS", [("AFTER_30_DAYS", "AFTER_60_DAYS")]),
                Edit("VPC CIDR 10.20.0.0/16 -> 10.21.0.0/16", [("vpc_cidr: 10.20.0.0/16", "vpc_cidr: 10.21.0.0/16")]),
                Edit(
                    "label cost-center research-42 -> research-43",
                    [("cost-center: research-42", "cost-center: research-43")]),
                Edit(
                    "accounting instance_class db.t4g.small -> db.r6g.large",
                    [
                        (
                            "source: modules/database/slurm-accounting\n    use: [network]",
                            "source: modules/database/slurm-accounting\n    use: [network]\n    settings:\n"
                                + "      instance_class: db.r6g.large"
                        )
                    ]),
                Edit(
                    "accounting engine_version 10.11 -> 11.4",
                    [
                        (
                            "source: modules/database/slurm-accounting\n    use: [network]",
                            "source: modules/database/slurm-accounting\n    use: [network]\n    settings:\n"
                                + "      engine_version: \"11.4\""
                        )
                    ]),
                Edit(
                    "projects module removed",
                    [
                        (
                            "  - id: projects\n    source: modules/file-system/fsx-lustre\n    use: [network]\n"
                                + "    settings:\n      local_mount: /projects\n      deployment_type: PERSISTENT_2\n"
                                + "      storage_capacity: 1200\n      per_unit_storage_throughput: 125\n"
                                + "      automatic_backup_retention_days: 14\n"
                                + "      daily_automatic_backup_start_time: \"03:00\"\n",
                            ""
                        )
                    ]),
                Edit(
                    "module added: EFS shared",
                    [
                        (
                            "  - id: scratch\n",
                            "  - id: shared\n    source: modules/file-system/efs\n    use: [network]\n"
                                + "    settings:\n      local_mount: /shared\n\n  - id: scratch\n"
                        )
                    ]),
                Edit("module renamed: home -> homefs", [("  - id: home\n", "  - id: homefs\n")], isRename: true),
            ]),
        Base(
            blueprint: "aws-parallelcluster",
            edits: [
                Edit(
                    "REST API client added (security group rule)",
                    [("allowed_clients: [10.30.5.10/32]", "allowed_clients: [10.30.5.10/32, 10.30.5.11/32]")]),
                Edit(
                    "project's existing EFS home (home_efs_id set)",
                    [("home_efs_id: null", "home_efs_id: fs-0123456789abcdef0")]),
            ]),
        Base(
            blueprint: "aws-parallelcluster-minimal",
            edits: [
                Edit(
                    "module renamed: network -> vpc (used by the cluster)",
                    [("  - id: network\n", "  - id: vpc\n"), ("use: [network]", "use: [vpc]")], isRename: true),
                Edit(
                    "labels added",
                    [
                        (
                            "availability_zones: [eu-west-1a]\n",
                            "availability_zones: [eu-west-1a]\n  labels:\n    project: mini\n"
                        )
                    ]),
            ]),
        Base(
            blueprint: "aws-htc-grid",
            edits: [
                Edit("task priorities 3 -> 4", [("priorities: 3", "priorities: 4")]),
                Edit("large spot workers max_size 5 -> 10", [("max_size: 5", "max_size: 10")]),
                Edit(
                    "DynamoDB write capacity 300 -> 600",
                    [("dynamodb_default_write_capacity: 300", "dynamodb_default_write_capacity: 600")]),
            ]),
    ]

    /// Compiles a shipped blueprint, edited; a compile error fails the test with its diagnostics.
    static func compile(_ blueprint: String, _ edit: Edit? = nil) throws -> CompileResult {
        let path = "blueprints/\(blueprint).yaml"
        var text = try String(contentsOf: Repository.root.appendingPathComponent(path), encoding: .utf8)
        if let edit { text = try edit.apply(to: text) }
        let result = Compiler().compile(
            SourceFile(name: path, text: text), variables: Repository.variables(for: blueprint))
        guard result.succeeded else {
            let errors = result.diagnostics.filter { $0.severity == .error }.map { "\($0)" }
            throw MotoApply.Failure(description: "\(blueprint), \(edit?.name ?? "as shipped"): \(errors)")
        }
        return result
    }

    /// The AWS root of a build and the files beside it in its group folder.
    static func awsRoot(_ result: CompileResult) throws -> (group: String, root: String, files: [(String, String)]) {
        let roots = ConsumerTools.terraformRoots(result.files).filter(ConsumerTools.requiresAWS)
        guard roots.count == 1, let root = roots.first else {
            throw MotoApply.Failure(description: "expected one AWS root, found \(roots.map(\.path))")
        }
        let group = String(root.path.dropLast("/main.tf.json".count))
        let beside = result.files.filter { $0.path.hasPrefix(group + "/") && $0.path != root.path }
            .map { (String($0.path.dropFirst(group.count + 1)), $0.text) }
        return (group, root.text, beside)
    }

    @Test("each change plans in Terraform as printed, against the applied shipped blueprint")
    func changesPlan() throws {
        if let reason = MotoApplyTests.unavailable("terraform plan of hpcc diff's changes") {
            return ConsumerTools.record("aws blueprints", "terraform plan", reason)
        }
        let started = Date()
        let terraform = try TerraformCLI.shared.get()
        let server = try MotoServer()
        defer { server.stop() }
        var planned = 0
        for base in Self.bases {
            let old = try Self.compile(base.blueprint)
            let (group, root, files) = try Self.awsRoot(old)
            let applied = try MotoPlan(applying: root, group: group, files: files, terraform: terraform, server: server)
            defer {
                applied.close()
                try? server.reset()
            }
            ConsumerTools.record(
                base.blueprint, "terraform plan",
                """
                OLD applied on moto in \(String(format: "%.0f", applied.seconds)) s: \(applied.applied.count) \
                resources; excluded: \(applied.excluded.map { "\($0.address) (\($0.reason))" })
                """)
            // The control: OLD planned against itself changes nothing.
            let unchanged = try applied.plan(root, files: files)
            #expect(unchanged.changes.isEmpty, "\(base.blueprint) as shipped: \(unchanged.changes)")
            for edit in base.edits {
                // NEW as `hpcc build` writes it over OLD's folder: renamed modules get moved blocks.
                let new = try Self.compile(base.blueprint, edit).replacing(DeploymentSnapshot(files: old.files))
                let target = try Self.awsRoot(new)
                #expect(target.group == group)
                let plan = try applied.plan(target.root, files: target.files)
                ConsumerTools.record(
                    base.blueprint, "terraform plan",
                    "\(edit.name): \(plan.counts) (\(String(format: "%.0f", plan.seconds)) s)")
                for change in plan.changes { print("    \(change)") }
                if !plan.preventDestroy.isEmpty { print("    prevent_destroy refuses: \(plan.preventDestroy)") }
                let newlyExcluded = plan.excluded.filter { excluded in
                    !applied.excluded.contains { $0.address == excluded.address }
                }
                if !newlyExcluded.isEmpty { print("    excluded: \(newlyExcluded.map(\.address))") }
                #expect(!plan.changes.isEmpty, "\(edit.name) changes nothing in Terraform's plan")
                let report = DeploymentChanges.compare(
                    DeploymentSnapshot(files: old.files), DeploymentSnapshot(files: new.files))
                let disagreements = plan.disagreements(with: report.terraform, group: group)
                for line in disagreements { print("    DISAGREES: \(line)") }
                #expect(disagreements.isEmpty, "\(base.blueprint), \(edit.name): \(disagreements)")
                if edit.isRename {
                    // Every resource keeps its object: carried by a moved block, none destroyed or created.
                    #expect(
                        plan.changes.allSatisfy { $0.movedFrom != nil && $0.action != .destroy },
                        "\(edit.name): \(plan.changes)")
                }
                planned += 1
            }
        }
        #expect(planned >= 12)
        ConsumerTools.record(
            "aws blueprints", "terraform plan",
            "\(planned) changes planned in \(String(format: "%.0f", Date().timeIntervalSince(started))) s")
    }
}
