/// Emit stage: every file of the deployment folder, in memory.
enum DeploymentEmitter {
    /// Blueprints of this many modules or more are emitted on several threads; below it, a
    /// thread's start-up is a noticeable part of the whole (a 5-module blueprint emits in 1 ms).
    static let parallelFrom = 100

    static func emit(
        _ deployment: Deployment, resolved: ResolvedBlueprint, source: SourceFile, catalog: ModuleCatalog, toolVersion: String
    ) -> [OutputFile] {
        // The emitters only read the deployment, so they run side by side; the Terraform roots
        // are the largest part, the expanded blueprint and the inventory the next.
        let jobs: [@Sendable () -> [OutputFile]] = [
            { TerraformEmitter.emit(deployment, catalog: catalog) },
            { [ExpandedBlueprintEmitter.emit(resolved, deployment: deployment, toolVersion: toolVersion)] },
            {
                var files = SlurmEmitter.emit(deployment)
                files += SlurmdbdConfEmitter.emit(deployment)
                files += OnPremSlurmEmitter.emit(deployment)
                files += StartupScriptEmitter.emit(deployment)
                files += WorkbenchStartupScript.emit(deployment)
                files += deployment.parallelClusters.map { cluster in OutputFile(path: ClusterConfigDocument.path(cluster), text: ClusterConfigDocument(cluster).text) }
                files += deployment.htcGrids.map { grid in OutputFile(path: GridConfigDocument.path(grid), text: GridConfigDocument(grid).text) }
                files += deployment.bwVisus.map { visu in OutputFile(path: RunnerConfigDocument.path(visu), text: RunnerConfigDocument(visu).text) }
                files += HPCStatsEmitter.emit(deployment)
                files.append(InventoryEmitter.emit(deployment))
                return files
            },
        ]
        var files = Concurrently.run(jobs, parallel: resolved.modules.count >= parallelFrom).flatMap { $0 }
        files.sort { $0.path < $1.path }
        files.append(ManifestEmitter.emit(files: files, source: source, deployment: deployment, toolVersion: toolVersion))
        return files.sorted { $0.path < $1.path }
    }
}
