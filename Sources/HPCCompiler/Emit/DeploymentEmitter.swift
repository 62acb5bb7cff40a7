/// Emit stage: every file of the deployment folder, in memory.
enum DeploymentEmitter {
    /// Blueprints of this many modules or more are emitted on several threads; below it, a
    /// thread's start-up is a noticeable part of the whole (a 5-module blueprint emits in 1 ms).
    static let parallelFrom = 100

    /// The files, and the module outputs no module gave a value for: an internal error, reported
    /// instead of writing `null` where the value belongs.
    static func emit(
        _ deployment: Deployment, resolved: ResolvedBlueprint, source: SourceFile, catalog: ModuleCatalog,
        toolVersion: String
    ) -> (files: [OutputFile], unexpressed: [ModuleReference]) {
        // The emitters only read the deployment, so they run side by side; the Terraform roots
        // are the largest part, the expanded blueprint and the inventory the next.
        let jobs: [@Sendable () -> (files: [OutputFile], unexpressed: [ModuleReference])] = [
            { TerraformEmitter.emit(deployment, catalog: catalog) },
            { ([ExpandedBlueprintEmitter.emit(resolved, deployment: deployment, toolVersion: toolVersion)], []) },
            {
                var files = SlurmEmitter.emit(deployment)
                files += SlurmdbdConfEmitter.emit(deployment)
                files += OnPremSlurmEmitter.emit(deployment)
                files += StartupScriptEmitter.emit(deployment)
                files += SpackEmitter.emit(deployment)
                files += PackerTemplate.emit(deployment)
                files += WorkbenchStartupScript.emit(deployment)
                files += VMBootScript.emit(deployment)
                files += VMSetupScript.emit(deployment)
                files += BatchJobFile.emit(deployment)
                files += StartupWaitScript.emit(deployment)
                files += deployment.parallelClusters.map { cluster in
                    OutputFile(path: ClusterConfigDocument.path(cluster), text: ClusterConfigDocument(cluster).text)
                }
                files += deployment.parallelClusters.compactMap { cluster in
                    cluster.restAPI.map {
                        OutputFile(
                            path: HeadNodeRestAPIScript.path(cluster),
                            text: HeadNodeRestAPIScript.text(cluster, $0.api),
                            executable: true)
                    }
                }
                files += deployment.htcGrids.map { grid in
                    OutputFile(path: GridConfigDocument.path(grid), text: GridConfigDocument(grid).text)
                }
                files += deployment.bwVisus.map { visu in
                    OutputFile(path: RunnerConfigDocument.path(visu), text: RunnerConfigDocument(visu).text)
                }
                files += HPCStatsEmitter.emit(deployment)
                files.append(InventoryEmitter.emit(deployment))
                files += deployment.stagedCopies.map { OutputFile(path: $0.path, text: $0.text) }
                return (files, [])
            },
        ]
        let results = Concurrently.run(jobs, parallel: resolved.modules.count >= parallelFrom)
        var files = results.flatMap(\.files).sorted { $0.path < $1.path }
        files.append(
            ManifestEmitter.emit(files: files, source: source, deployment: deployment, toolVersion: toolVersion))
        return (files.sorted { $0.path < $1.path }, results.flatMap(\.unexpressed))
    }
}
