import Foundation

/// The shell program a spack-execute or ramble-execute runner runs as root: the user's commands
/// run as the tool's user with their output appended to the log file, then each Spack
/// environment created and installed (on this node, or by a batch job on its partition).
enum ToolExecuteScript {
    /// Where the deployment folder keeps the script.
    static func path(_ execution: ToolExecution) -> String {
        "\(execution.tool.rawValue)/\(execution.origin.module.rawValue)/execute.sh"
    }

    /// The script's text.
    static func text(_ execution: ToolExecution) -> String {
        var lines = [
            "#!/bin/bash",
            "# Runs the \(execution.tool.rawValue) commands of module '\(execution.origin.module)' (written by hpcc).",
            "set -euo pipefail",
            "",
            "user=" + ShellWord.quote(execution.user),
            "log_file=" + ShellWord.quote(execution.logFile),
            "mkdir -p \"$(dirname \"$log_file\")\"",
            "touch \"$log_file\"",
            "chown \"$user\" \"$log_file\"",
            "commands=$(mktemp /tmp/hpcc-\(execution.tool.rawValue)-commands.XXXXXX)",
            "trap 'rm -f \"$commands\"' EXIT",
            // The commands travel base64-encoded: whatever they hold cannot end this script early.
            "printf '%s' \(ShellWord.quote(Data(userCommands(execution).utf8).base64EncodedString())) \\",
            "    | base64 -d >\"$commands\"",
            "chmod 644 \"$commands\"",
            "runuser -u \"$user\" -- bash -c \\",
            "    'set -eo pipefail; { " + ShellWord.quote(execution.preScript).dropFirst().dropLast()
                + "; echo \" === Starting commands ===\"; . \"$1\"; echo \" === Finished commands ===\"; } 2>&1"
                + " | tee -a \"$2\"' \\",
            "    hpcc-execute \"$commands\" \"$log_file\"",
        ]
        for environment in execution.environments where environment.partition != nil {
            lines += submission(environment)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The commands run as the tool's user: the blueprint's, then creating each environment
    /// that does not exist yet and installing those without a partition.
    static func userCommands(_ execution: ToolExecution) -> String {
        var lines = [execution.commands ?? "echo 'no \(execution.tool.rawValue) commands given'"]
        for environment in execution.environments {
            let name = ShellWord.quote(environment.name)
            lines += [
                "if [ ! -d \(ShellWord.quote(environment.spackRoot + "/var/spack/environments/" + environment.name)) ]"
                    + "; then",
                "    spack env create \(name) \(ShellWord.quote(environment.folder + "/spack.yaml"))",
                "fi",
            ]
            if environment.partition == nil {
                lines += [
                    "spack -e \(name) concretize",
                    "spack -e \(name) install -j \(environment.cpus)",
                ]
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Submits the environment's install job once: the first node to mark the environment's
    /// folder submits it, so several booting login nodes make one job.
    private static func submission(_ environment: SpackEnvironment) -> [String] {
        let folder = ShellWord.quote(environment.folder)
        return [
            "",
            "if mkdir \(ShellWord.quote(environment.folder + "/submitted")) 2>/dev/null; then",
            "    if ! command -v sbatch >/dev/null 2>&1; then",
            "        echo \(ShellWord.quote("sbatch is not on this node: submit \(environment.folder)/install.sbatch"))"
                + " >&2",
            "        rmdir \(ShellWord.quote(environment.folder + "/submitted"))",
            "        exit 1",
            "    fi",
            "    sbatch --parsable --chdir=\(folder) \(ShellWord.quote(environment.folder + "/install.sbatch"))",
            "fi",
        ]
    }
}
