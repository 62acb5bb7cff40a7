/// The Slurm files of every cluster: slurm.conf, cgroup.conf, gres.conf (GPUs), and the
/// resume/suspend programs; plus the node boot script every instance runs.
enum SlurmEmitter {
    static func emit(_ deployment: Deployment) -> [OutputFile] {
        var files: [OutputFile] = []
        for cluster in deployment.clusters {
            let folder = SlurmPaths.folder(of: cluster, in: deployment)
            files.append(
                OutputFile(path: "\(folder)/slurm.conf", text: SlurmConfEmitter.emit(cluster, deployment: deployment)))
            files.append(OutputFile(path: "\(folder)/cgroup.conf", text: CgroupConfEmitter.emit(cluster)))
            if let accounting = cluster.accounting {
                files.append(
                    OutputFile(
                        path: "\(folder)/slurmdbd.conf",
                        text: SlurmdbdConfEmitter.text(cluster, accounting: accounting, deployment: deployment)))
            }
            if let gres = GresConfEmitter.emit(cluster) {
                files.append(OutputFile(path: "\(folder)/gres.conf", text: gres))
            }
            files.append(OutputFile(path: "\(folder)/resume.sh", text: PowerPrograms.resume(cluster), executable: true))
            files.append(
                OutputFile(path: "\(folder)/suspend.sh", text: PowerPrograms.suspend(cluster), executable: true))
            // Without a listen address slurmrestd binds the host name of the controller it runs on
            // (systemd's %H): the primary's, or the backup's after a failover.
            if let api = cluster.restAPI {
                files += RestAPIFiles.files(
                    api, cluster: cluster.name, folder: folder, listenDefault: "%H", firewall: false)
            }
            files += JobScriptFiles.outputFiles(cluster.jobScripts, folder: folder)  // Job scripts (issue 20).
        }
        if !deployment.clusters.isEmpty {
            files.append(OutputFile(path: NodeBootScript.path, text: NodeBootScript.text, executable: true))
        }
        return files
    }
}
