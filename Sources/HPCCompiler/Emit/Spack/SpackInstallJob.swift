/// `spack/<execute module>/<environment>/install.sbatch`: the batch job that installs one Spack
/// environment on a node of its partition, as the HPC Toolkit FrontEnd does. The job runs as
/// root (the startup script submits it), since the Spack user exists only where Spack was set
/// up; what it installs is handed back to the owner of the Spack folder.
enum SpackInstallJob {
    /// Where the deployment folder keeps it.
    static func path(_ environment: SpackEnvironment) -> String { environment.deploymentFolder + "/install.sbatch" }

    /// The job script; nil for an environment installed without a job.
    static func text(_ environment: SpackEnvironment) -> String? {
        guard let partition = environment.partition else { return nil }
        let root = ShellWord.quote(environment.spackRoot)
        return [
            "#!/bin/bash",
            "#SBATCH --job-name=spack-install-\(environment.name)",
            "#SBATCH --partition=\(partition)",
            "#SBATCH --nodes=1",
            "#SBATCH --ntasks=1",
            "#SBATCH --cpus-per-task=\(environment.cpus)",
            "#SBATCH --output=spack-install-%j.log",
            "# Installs Spack environment '\(environment.name)' (written by hpcc).",
            "set -euo pipefail",
            "",
            "spack_root=\(root)",
            ". \"$spack_root/share/spack/setup-env.sh\"",
            "spack -e \(ShellWord.quote(environment.name)) concretize",
            "spack -e \(ShellWord.quote(environment.name)) install -j \"${SLURM_CPUS_PER_TASK:-1}\"",
            "# Numeric ids from the Spack folder itself: the Spack user need not exist on this node.",
            "chown -R --reference=\"$spack_root\" \"$spack_root/opt\" \"$spack_root/var/spack\" \\",
            "    \"$spack_root/share/spack\"",
        ].joined(separator: "\n") + "\n"
    }
}
