/// The shell program a spack-setup or ramble-setup runner runs as root: dependencies, the tool's
/// user, its profile.d script, and one clone into the shared folder. Several nodes may boot at
/// once against the same shared folder, so the first to create a lock folder beside the clone
/// installs and the others wait for its `done` mark.
enum ToolSetupScript {
    /// Where the deployment folder keeps the script.
    static func path(_ installation: ToolInstallation) -> String {
        "\(installation.tool.rawValue)/\(installation.origin.module.rawValue)/setup.sh"
    }

    /// The script's text.
    static func text(_ installation: ToolInstallation) -> String {
        let tool = installation.tool.rawValue
        var lines = [
            "#!/bin/bash",
            "# Installs \(tool) for module '\(installation.origin.module)' (written by hpcc).",
            "set -euo pipefail",
            "",
            "install_dir=" + ShellWord.quote(installation.installDir),
            "git_url=" + ShellWord.quote(installation.gitURL),
            "git_ref=" + ShellWord.quote(installation.gitRef),
            "user=" + ShellWord.quote(installation.user.name),
            "venv=" + ShellWord.quote(installation.virtualenv),
            "profile=" + ShellWord.quote(installation.profileScript),
            "",
            "if command -v dnf >/dev/null 2>&1; then",
            "    dnf -y -q install python3 python3-pip git",
            "elif command -v apt-get >/dev/null 2>&1; then",
            "    apt-get -q update && DEBIAN_FRONTEND=noninteractive apt-get -y -q install python3 python3-venv git",
            "fi",
            "if [ ! -x \"$venv/bin/python3\" ]; then",
            "    python3 -m venv \"$venv\"",
            "    \"$venv/bin/pip\" install --quiet --upgrade 'pip>=21.3.1'",
            "fi",
            "\"$venv/bin/pip\" install --quiet google-cloud-storage",
            "",
            "if ! getent passwd \"$user\" >/dev/null; then",
            "    getent group \"$user\" >/dev/null || groupadd --system --gid \(installation.user.gid) \"$user\"",
            "    useradd --system --create-home --uid \(installation.user.uid) --gid \"$user\" \\",
            "        --comment \(ShellWord.quote("\(tool) installation")) \"$user\"",
            "fi",
            "",
            "mkdir -p \"$(dirname \"$profile\")\"",
            "printf '%s\\n' \\",
        ]
        lines += profileLines(installation).map { "    " + ShellWord.quote($0) + " \\" }
        lines += [
            "    >\"$profile\"",
            "chmod 644 \"$profile\"",
            "",
            "parent=$(dirname \"$install_dir\")",
            "mkdir -p \"$parent\"",
            "lock=\"$parent/.install_\(tool)_lock\"",
            "if mkdir \"$lock\" 2>/dev/null; then",
            "    touch \"$lock/$(hostname)\"",
            "    if ! git clone --branch \"$git_ref\" \"$git_url\" \"$install_dir\"; then",
            "        rm -rf \"$install_dir\"",
            "        git clone \"$git_url\" \"$install_dir\"",
            "        git -C \"$install_dir\" checkout \"$git_ref\"",
            "    fi",
        ]
        if let modules = installation.moduleSystem {
            lines += [
                "    mkdir -p \"$install_dir/etc/spack\"",
                "    printf '%s\\n' \\",
            ]
            lines += SpackModulesDocument.text(modules).split(separator: "\n").map {
                "        " + ShellWord.quote(String($0)) + " \\"
            }
            lines.append("        >\"$install_dir/etc/spack/modules.yaml\"")
        }
        lines += [
            "    chown -R \"$user:\" \"$install_dir\""
        ]
        if let finalize = finalize(installation) {
            lines += [
                "    runuser -u \"$user\" -- bash -c \\",
                "        " + ShellWord.quote(finalize),
            ]
        }
        if !installation.chmodMode.isEmpty {
            lines.append("    chmod -R " + ShellWord.quote(installation.chmodMode) + " \"$install_dir\"")
        }
        if installation.tool == .ramble {
            lines.append("    \"$venv/bin/pip\" install --quiet -r \"$install_dir/requirements.txt\"")
        }
        lines += [
            "    touch \"$lock/done\"",
            "else",
            "    for _ in $(seq 60); do",
            "        [ -e \"$lock/done\" ] && break",
            "        sleep 10",
            "    done",
            "    if [ ! -e \"$lock/done\" ]; then",
            "        echo \"timed out waiting for the \(tool) install held by: $(ls \"$lock\")\" >&2",
            "        exit 1",
            "    fi",
        ]
        if installation.tool == .ramble {
            lines.append("    \"$venv/bin/pip\" install --quiet -r \"$install_dir/requirements.txt\"")
        }
        lines.append("fi")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The profile.d script: the tool's own setup-env.sh, once the clone exists.
    static func profileLines(_ installation: ToolInstallation) -> [String] {
        let root = installation.installDir
        switch installation.tool {
        case .spack:
            return [
                "export SPACK_PYTHON=\(ShellWord.quote(installation.virtualenv + "/bin/python3"))",
                "if [ -f \(ShellWord.quote(root + "/share/spack/setup-env.sh")) ]; then",
                "    . \(ShellWord.quote(root + "/share/spack/setup-env.sh"))",
                "fi",
            ]
        case .ramble:
            return [
                "if [ -f \(ShellWord.quote(root + "/share/ramble/setup-env.sh")) ]; then",
                "    VIRTUAL_ENV_DISABLE_PROMPT=1 . \(ShellWord.quote(installation.virtualenv + "/bin/activate"))",
                "    . \(ShellWord.quote(root + "/share/ramble/setup-env.sh"))",
                "fi",
            ]
        }
    }

    /// Spack's first run as its user: world-readable, group-writable packages, the compilers
    /// found on the node, Google's binary cache when asked, and one small install that proves
    /// the clone works. Ramble needs none.
    private static func finalize(_ installation: ToolInstallation) -> String? {
        guard installation.tool == .spack else { return nil }
        var steps = [
            "set -euo pipefail",
            ". \(ShellWord.quote(installation.profileScript))",
            "spack config --scope site add packages:all:permissions:read:world",
            "spack config --scope site add packages:all:permissions:write:group",
            "spack gpg init",
            "spack compiler find --scope site",
        ]
        if installation.googleCache {
            // Google publishes caches for two releases; every other ref reads the newest.
            let cache = ["v0.19.0", "v0.20.0"].contains(installation.gitRef) ? installation.gitRef : "latest"
            steps += [
                "if ! spack mirror list | grep -q google_binary_cache; then",
                "    spack mirror add --scope site google_binary_cache gs://spack/\(cache)",
                "    spack buildcache keys --install --trust",
                "fi",
            ]
        }
        steps += ["spack install xz", "spack uninstall --yes-to-all xz"]
        return steps.joined(separator: "\n")
    }
}
