/// Emit stage: every file of the deployment folder, in memory.
enum DeploymentEmitter {
    static func emit(
        _ deployment: Deployment, resolved: ResolvedBlueprint, source: SourceFile, catalog: ModuleCatalog, toolVersion: String
    ) -> [OutputFile] {
        var files: [OutputFile] = []
        files += TerraformEmitter.emit(deployment, catalog: catalog)
        files += SlurmEmitter.emit(deployment)
        files += SlurmdbdConfEmitter.emit(deployment)
        files += OnPremSlurmEmitter.emit(deployment)
        files += StartupScriptEmitter.emit(deployment)
        files += WorkbenchStartupScript.emit(deployment)
        files += deployment.parallelClusters.map { cluster in OutputFile(path: ClusterConfigDocument.path(cluster), text: ClusterConfigDocument(cluster).text) }
        files += deployment.htcGrids.map { grid in OutputFile(path: GridConfigDocument.path(grid), text: GridConfigDocument(grid).text) }
        files += deployment.bwVisus.map { visu in OutputFile(path: RunnerConfigDocument.path(visu), text: RunnerConfigDocument(visu).text) }
        files += HPCStatsEmitter.emit(deployment)
        files.append(InventoryEmitter.emit(deployment))
        files.append(ExpandedBlueprintEmitter.emit(resolved, deployment: deployment, toolVersion: toolVersion))
        files.sort { $0.path < $1.path }
        files.append(ManifestEmitter.emit(files: files, source: source, deployment: deployment, toolVersion: toolVersion))
        return files.sorted { $0.path < $1.path }
    }
}
