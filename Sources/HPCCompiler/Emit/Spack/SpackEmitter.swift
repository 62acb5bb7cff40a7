/// The files of the spack and ramble modules: each install and execute script, Spack's
/// `modules.yaml`, and for each Spack environment its `spack.yaml` and install job.
enum SpackEmitter {
    static func emit(_ deployment: Deployment) -> [OutputFile] {
        var files: [OutputFile] = []
        for installation in deployment.toolInstallations {
            files.append(
                OutputFile(
                    path: ToolSetupScript.path(installation), text: ToolSetupScript.text(installation),
                    executable: true))
            if let system = installation.moduleSystem {
                files.append(
                    OutputFile(path: SpackModulesDocument.path(installation), text: SpackModulesDocument.text(system)))
            }
        }
        for execution in deployment.toolExecutions {
            files.append(
                OutputFile(
                    path: ToolExecuteScript.path(execution), text: ToolExecuteScript.text(execution), executable: true))
            for environment in execution.environments {
                files.append(
                    OutputFile(
                        path: SpackEnvironmentDocument.path(environment),
                        text: SpackEnvironmentDocument.text(environment)))
                if let job = SpackInstallJob.text(environment) {
                    files.append(OutputFile(path: SpackInstallJob.path(environment), text: job, executable: true))
                }
            }
        }
        return files
    }
}
