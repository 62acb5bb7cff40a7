import ArgumentParser
import Foundation
@_spi(Tools) import HPCCompiler

/// `hpcc diff`: what changing a deployment from OLD to NEW does, offline.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            """
            Show what changing a deployment from OLD to NEW does to running infrastructure: Terraform resources \
            created, updated, replaced, moved or destroyed (with the attributes that force each replacement, and \
            data loss called out), Slurm changes by what they take, ParallelCluster changes by its update policies, \
            native configurations, and the cost before and after.
            """,
        discussion: """
            OLD and NEW are blueprint files or deployment folders hpcc built. Nothing is asked of a cloud: \
            replacements follow the providers' own facts carried in hpcc's catalogs. A module whose id is renamed \
            (same group, source and settings) keeps its resources: hpcc build writes `moved` blocks when it builds \
            NEW into OLD's deployment folder, and hpcc diff shows those resources as moved. Exit status: 0 nothing \
            destroys data, 1 a blueprint has errors, 2 usage or I/O error, 3 the change destroys data (a \
            filesystem, bucket, database or disk is replaced or destroyed, or a ParallelCluster change loses its \
            storage), so CI can require a person to approve it.
            """
    )

    /// How the report is printed.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown
    }

    /// The exit status of a change that destroys data.
    static let destroysData: Int32 = 3

    @Argument(help: "The deployment as it is: a blueprint file or a deployment folder hpcc built.")
    var old: String

    @Argument(help: "The deployment as it will be: a blueprint file or a deployment folder hpcc built.")
    var new: String

    @OptionGroup var inputs: CompileInputs

    @Option(help: "Report format: text, json or markdown (for a pull-request comment), on stdout.")
    var format: Format = .text

    func run() throws {
        let before = try snapshot(old, replacing: nil)
        let after = try snapshot(new, replacing: before)
        let report = DeploymentChanges.compare(before, after)
        switch format {
        case .text: print(report.text, terminator: "")
        case .json: print(report.json, terminator: "")
        case .markdown: print(report.markdown, terminator: "")
        }
        if report.destroysData { throw ExitCode(Self.destroysData) }
    }

    /// The deployment `path` names: a folder as hpcc wrote it, or a blueprint compiled (as the
    /// successor of `previous`, so a renamed module's resources move).
    private func snapshot(_ path: String, replacing previous: DeploymentSnapshot?) throws -> DeploymentSnapshot {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            do {
                var snapshot = try DeploymentSnapshot.read(folder: URL(fileURLWithPath: path))
                snapshot.recompileExpandedBlueprint()
                return snapshot
            } catch {
                Report.print(
                    [Diagnostic(.readFailed, "cannot read \(path): \(error)", at: nil)], sources: [], format: .text)
                throw ExitCode(2)
            }
        }
        let source = try BlueprintFile.read(path, format: .text)
        var result = try inputs.compile(source, format: .text)
        Report.print(result.diagnostics, sources: result.sources, format: .text)
        guard result.succeeded else {
            Report.stderr("hpcc: \(path) has errors; nothing compared\n")
            throw ExitCode(1)
        }
        if let previous { result = result.replacing(previous) }
        return DeploymentSnapshot(files: result.files, deployment: result.deployment)
    }
}
