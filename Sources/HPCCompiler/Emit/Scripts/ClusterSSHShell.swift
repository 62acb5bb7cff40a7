/// `configure_ssh_host_patterns`: ssh between the cluster's machines without host key prompts, and
/// a key pair per user, made at first login and authorized for that user (home is shared).
enum ClusterSSHShell {
    static let configPath = "/etc/ssh/ssh_config.d/hpcc-cluster-hosts.conf"
    static let profilePath = "/etc/profile.d/hpcc-cluster-ssh-key.sh"

    /// The login hook; POSIX sh, since profile.d is read by every login shell. Root's home is not shared.
    static let profile = #"""
        cat >/etc/profile.d/hpcc-cluster-ssh-key.sh <<'HPCC_EOF'
        # hpcc: a key pair for ssh between the cluster's machines, made at a user's first login.
        if [ "$(id -u)" -ne 0 ] && [ -n "${HOME:-}" ] && [ -w "$HOME" ] \
            && [ ! -e "$HOME/.ssh/id_ed25519" ] && [ ! -e "$HOME/.ssh/id_rsa" ] \
            && command -v ssh-keygen >/dev/null; then
            mkdir -p "$HOME/.ssh" && chmod 700 "$HOME/.ssh" \
                && ssh-keygen -q -t ed25519 -N '' -f "$HOME/.ssh/id_ed25519" </dev/null \
                && cat "$HOME/.ssh/id_ed25519.pub" >>"$HOME/.ssh/authorized_keys" \
                && chmod 600 "$HOME/.ssh/authorized_keys"
        fi
        HPCC_EOF
        """#

    /// The startup script's commands for `patterns` (each checked to be a plain ssh host pattern).
    static func lines(_ patterns: [String]) -> [String] {
        [
            "log " + ShellWord.quote("ssh inside the cluster: " + patterns.joined(separator: " ")),
            "mkdir -p /etc/ssh/ssh_config.d",
            StartupSetupShell.write(
                [
                    "# hpcc: the cluster's own machines, whose host keys change as nodes are recreated.",
                    "Host " + patterns.joined(separator: " "), "    StrictHostKeyChecking no",
                ], to: configPath),
            profile,
            "",
        ]
    }
}
