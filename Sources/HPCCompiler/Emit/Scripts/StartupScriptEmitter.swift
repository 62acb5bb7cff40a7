import Foundation

/// `scripts/startup/<module>.sh` for every startup-script module: a driver that writes each
/// runner's content and runs the runners in order. Runner content is embedded base64-encoded,
/// so whatever it holds can neither break the driver's syntax nor run as part of it; the driver
/// itself is fixed text plus single-quoted words.
enum StartupScriptEmitter {
    static func emit(_ deployment: Deployment) -> [OutputFile] {
        deployment.startupScripts.map { script in
            OutputFile(path: script.path, text: text(script, deployment: deployment.name), executable: true)
        }
    }

    static func text(_ script: StartupScript, deployment: String) -> String {
        var lines = [
            "#!/bin/bash",
            """
            # Startup script of module '\(script.origin.module)' in deployment '\(Self.comment(deployment))', \
            assembled by hpcc
            """,
            "# from \(script.runners.count) runner(s). Each runner's content is embedded base64-encoded, written out,",
            "# then run (shell, ansible-local) or left in place (data), in blueprint order.",
            "set -euo pipefail",
            "",
            "log() {",
            "    echo \"hpcc-startup: $*\"",
            "    logger -t hpcc-startup -- \"$*\" 2>/dev/null || true",
            "}",
            "",
        ]
        if StartupSetupShell.installsPackages(script.setup) { lines.append(ShellFunctions.installPackage) }
        let usesScratch = script.runners.contains { !$0.destination.hasPrefix("/") }
        if usesScratch {
            lines += ["work=$(mktemp -d /tmp/hpcc-startup.XXXXXX)", "trap 'rm -rf \"$work\"' EXIT", ""]
        }
        if !script.runners.isEmpty {
            lines += [
                "# unpack FILE MODE BASE64: writes one runner's content.",
                "unpack() {",
                "    mkdir -p \"$(dirname \"$1\")\"",
                "    printf '%s' \"$3\" | base64 -d >\"$1\"",
                "    chmod \"$2\" \"$1\"",
                "}",
                "",
            ]
        }
        lines += ansible(script)
        lines += StartupSetupShell.lines(script.setup)
        for (index, runner) in script.runners.enumerated() {
            lines.append(
                "log "
                    + ShellWord.quote(
                        "runner \(index + 1)/\(script.runners.count) (\(runner.kind.rawValue)): \(runner.destination)"
                            + (runner.name.map { " (\($0))" } ?? "")))
            let file =
                runner.destination.hasPrefix("/")
                ? ShellWord.quote(runner.destination) : "\"$work\"/" + ShellWord.quote(runner.destination)
            let mode =
                switch runner.kind {
                case .shell: runner.destination.hasPrefix("/") ? "755" : "700"
                case .ansibleLocal: "600"
                case .data: "644"
                }
            lines.append("unpack \(file) \(mode) " + ShellWord.quote(encoded(runner.content)))
            let arguments = runner.arguments.map(ShellWord.quote)
            switch runner.kind {
            case .shell:
                lines.append(([file] + arguments).joined(separator: " "))
            case .ansibleLocal:
                lines.append(
                    ([
                        "\"$ansible_playbook\"", "--connection=local", "--inventory=localhost,", "--limit=localhost",
                        file,
                    ] + arguments).joined(separator: " "))
            case .data:
                break
            }
            lines.append("")
        }
        lines.append("log 'done'")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Installing Ansible (when asked) and choosing the `ansible-playbook` ansible-local runners use.
    private static func ansible(_ script: StartupScript) -> [String] {
        var lines: [String] = []
        if let venv = script.ansibleVirtualenv {
            lines += [
                "ansible_venv=" + ShellWord.quote(venv),
                "if [ ! -x \"$ansible_venv/bin/ansible-playbook\" ]; then",
                "    log \"installing Ansible into $ansible_venv\"",
                "    python3 -m venv \"$ansible_venv\"",
                "    \"$ansible_venv/bin/pip\" install --quiet --upgrade pip",
                "    \"$ansible_venv/bin/pip\" install --quiet ansible-core",
                "fi",
            ]
        }
        if script.runners.contains(where: { $0.kind == .ansibleLocal }) {
            lines.append(
                script.ansibleVirtualenv == nil
                    ? "ansible_playbook=ansible-playbook" : "ansible_playbook=\"$ansible_venv/bin/ansible-playbook\"")
        }
        return lines.isEmpty ? [] : lines + [""]
    }

    /// Base64 in lines of 76 characters (`base64 -d` skips the line breaks).
    private static func encoded(_ content: String) -> String {
        let text = Data(content.utf8).base64EncodedString()
        var lines: [Substring] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            lines.append(rest.prefix(76))
            rest = rest.dropFirst(76)
        }
        return lines.joined(separator: "\n")
    }

    /// Text for a one-line comment.
    private static func comment(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 ? " " : $0 }))
    }
}
