/// The shell a startup script runs for its module's own settings (`StartupSetup`), before the
/// runners: local SSDs first, so that later steps and runners can use the filesystem.
enum StartupSetupShell {
    /// The steps in the order they run; empty when nothing is asked for.
    static func lines(_ setup: StartupSetup) -> [String] {
        var lines: [String] = []
        if setup.ofiCloudRDMATunables { lines += NetworkTuningShell.ofiTunables }
        if let filesystem = setup.localSSD { lines += LocalSSDShell.lines(filesystem) }
        if !setup.sshHostPatterns.isEmpty { lines += ClusterSSHShell.lines(setup.sshHostPatterns) }
        if let docker = setup.docker { lines += DockerShell.lines(docker, afterLocalSSD: setup.localSSD != nil) }
        if setup.gpuNetworkWaitOnline { lines += NetworkTuningShell.gpuNetworkWait }
        return lines
    }

    /// Whether the steps install packages (`install_package`).
    static func installsPackages(_ setup: StartupSetup) -> Bool { setup.localSSD != nil }

    /// A command writing `lines` to `path`, each a single-quoted word, so no line is read by the shell.
    static func write(_ lines: [String], to path: String) -> String {
        "printf '%s\\n' " + lines.map(ShellWord.quote).joined(separator: " ") + " >" + ShellWord.quote(path)
    }

    /// Commands writing the shell function `function` (defined earlier in the script, and so checked with it)
    /// as the program `path`, which runs it with its own arguments.
    static func install(function: String, as path: String) -> [String] {
        [
            "{",
            "    echo '#!/bin/bash'",
            "    echo 'set -euo pipefail'",
            "    declare -f \(function)",
            "    echo '\(function) \"$@\"'",
            "} >\(ShellWord.quote(path))",
            "chmod 755 \(ShellWord.quote(path))",
        ]
    }

    /// Commands that install the systemd unit `name` from `lines`, enable it and start it now.
    static func unit(_ name: String, _ lines: [String], start: Bool) -> [String] {
        [
            write(lines, to: "/etc/systemd/system/\(name)"),
            "systemctl daemon-reload",
            start ? "systemctl enable --now \(name)" : "systemctl enable \(name)",
        ]
    }
}
