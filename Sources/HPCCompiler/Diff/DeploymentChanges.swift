/// `hpcc diff`: what replacing deployment `old` with `new` does, from their files alone.
@_spi(Tools) public enum DeploymentChanges {
    @_spi(Tools) public static func compare(_ old: DeploymentSnapshot, _ new: DeploymentSnapshot) -> ChangeReport {
        var report = ChangeReport()
        var handled: Set<String> = []

        let terraform = TerraformChanges(forcesReplacement: ProviderReplacement.forcesReplacement)
        let oldRoots = old.terraformRoots, newRoots = new.terraformRoots
        for group in Set(oldRoots.keys).union(newRoots.keys).sorted() {
            report.terraform += terraform.compare(
                group: group, old: oldRoots[group].flatMap({ JSONText.parse($0) }),
                new: newRoots[group].flatMap({ JSONText.parse($0) })
            )
            handled.insert("\(group)/main.tf.json")
        }

        let oldSlurm = old.slurmFolders, newSlurm = new.slurmFolders
        for folder in Set(oldSlurm.keys).union(newSlurm.keys).sorted() {
            let before = oldSlurm[folder] ?? [:], after = newSlurm[folder] ?? [:]
            report.slurm += SlurmChanges.compare(folder: folder, old: before, new: after)
            handled.formUnion(
                Set(before.keys).union(after.keys).filter { !SlurmChanges.isNativeConfig($0) }.map { "\(folder)/\($0)" }
            )
        }

        let oldClusters = old.parallelClusterConfigs, newClusters = new.parallelClusterConfigs
        for file in Set(oldClusters.keys).union(newClusters.keys).sorted() {
            report.parallelCluster += ParallelClusterChanges.compare(
                file: file, old: oldClusters[file] ?? "", new: newClusters[file] ?? "")
            handled.insert(file)
        }

        report.native = NativeConfigChanges.compare(old: old.files, new: new.files, skipping: handled)

        if let before = old.deployment.map(DeploymentCost.init), let after = new.deployment.map(DeploymentCost.init) {
            report.cost = CostChange(
                idleBefore: before.idle, idleAfter: after.idle, maxBefore: before.atMax, maxAfter: after.atMax,
                incomplete: before.idleIncomplete || before.atMaxIncomplete || after.idleIncomplete
                    || after.atMaxIncomplete)
        }
        return report
    }
}
