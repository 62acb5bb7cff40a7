/// `docker`: Docker Engine installed (Docker's packages on dnf images, its install script
/// elsewhere), configured and started.
enum DockerShell {
    static let daemonConfigPath = "/etc/docker/daemon.json"
    static let serviceDropIn = "/etc/systemd/system/docker.service.d/hpcc.conf"
    static let socketDropIn = "/etc/systemd/system/docker.socket.d/hpcc-world-writable.conf"

    /// Installation when the image has no Docker; no user string appears in it.
    static let install = #"""
        if ! command -v docker >/dev/null; then
            if command -v dnf >/dev/null; then
                curl -fsSL --retry 5 -o /etc/yum.repos.d/docker-ce.repo \
                    https://download.docker.com/linux/rhel/docker-ce.repo
                dnf install -y -q docker-ce docker-ce-cli containerd.io docker-buildx-plugin docker-compose-plugin
            else
                docker_installer=$(mktemp)
                curl -fsSL --retry 5 -o "$docker_installer" https://get.docker.com
                sh "$docker_installer"
                rm -f "$docker_installer"
            fi
        fi
        mkdir -p /etc/docker /etc/systemd/system/docker.service.d /etc/systemd/system/docker.socket.d
        """#

    /// The startup script's commands for `docker`; `afterLocalSSD` orders Docker after the local SSD array.
    static func lines(_ docker: DockerSetup, afterLocalSSD: Bool) -> [String] {
        var lines = ["log 'installing and configuring Docker'", install]
        if let config = docker.daemonConfig {
            lines.append(
                StartupSetupShell.write(
                    [config.hasSuffix("\n") ? String(config.dropLast()) : config], to: daemonConfigPath))
        }
        var unit = ["[Unit]"]
        if let dataRoot = docker.dataRoot { unit.append("RequiresMountsFor=\(dataRoot)") }
        if afterLocalSSD { unit.append("After=\(LocalSSDShell.unitName)") }
        lines.append(
            unit.count > 1
                ? StartupSetupShell.write(unit, to: serviceDropIn) : "rm -f " + ShellWord.quote(serviceDropIn))
        lines.append(
            docker.worldWritable
                ? StartupSetupShell.write(["[Socket]", "SocketMode=0666"], to: socketDropIn)
                : "rm -f " + ShellWord.quote(socketDropIn))
        // The socket is stopped with the service: a socket is not restarted while its service runs.
        return lines + [
            "systemctl daemon-reload",
            "systemctl enable docker.socket docker.service",
            "systemctl stop docker.service docker.socket",
            "systemctl start docker.socket docker.service",
            "",
        ]
    }
}
