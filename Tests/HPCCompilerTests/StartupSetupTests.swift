import Foundation
import Testing
import TestSupport
@_spi(Tools) @testable import HPCCompiler

/// The startup-script settings that set the machine up before the runners: each is checked where it is
/// written and becomes shell in `scripts/startup/<module>.sh`.
@Suite("Startup script machine setup")
struct StartupSetupTests {
    /// The minimal blueprint with a startup-script module `startup` of these settings lines, used by the nodeset
    /// unless `used` is false.
    private func blueprint(_ settings: String, used: Bool = true) -> String {
        let lines = settings.split(separator: "\n", omittingEmptySubsequences: false).map { "      \($0)" }
        return miniPlus(
            "  - id: startup\n    source: modules/scripts/startup-script\n    settings:\n"
                + lines.joined(separator: "\n") + "\n"
        ).replacingOccurrences(of: "use: [network]", with: used ? "use: [network, startup]" : "use: [network]")
    }

    private func script(_ settings: String, used: Bool = true) throws -> String {
        let result = compile(blueprint(settings, used: used))
        return try #require(result.file("scripts/startup/startup.sh"), "\(result.diagnostics.map(\.message))")
    }

    @Test func localSSDsBecomeABootUnitWithTheirMountpointTypeAndMode() throws {
        let text = try script("local_ssd_filesystem: {mountpoint: /mnt/lssd, fs_type: xfs, permissions: '1777'}")
        #expect(text.contains("install_package() { # rpm-name deb-name\n"))
        #expect(text.contains("    install_package mdadm mdadm\n"))
        #expect(text.contains("declare -f hpcc_localssd\n"))
        #expect(text.contains("'ExecStart=/usr/local/sbin/hpcc-localssd /mnt/lssd xfs 1777'"))
        #expect(text.contains(" >'/etc/systemd/system/hpcc-localssd.service'\nsystemctl daemon-reload\n"))
        #expect(text.contains("systemctl enable --now hpcc-localssd.service\n"))
    }

    @Test func anEmptyMountpointLeavesTheLocalSSDsAlone() throws {
        let text = try script("local_ssd_filesystem: {fs_type: ext4}\nrunners: []")
        #expect(!text.contains("hpcc_localssd") && !text.contains("install_package"))
    }

    @Test func sshHostPatternsSkipHostKeyChecksAndUsersGetAKey() throws {
        let text = try script("configure_ssh_host_patterns: ['mini-*', '10.0.0.*', 'mini-*']")
        #expect(
            text.contains(
                """
                printf '%s\\n' '# hpcc: the cluster'\\''s own machines, whose host keys change as nodes are \
                recreated.' 'Host mini-* 10.0.0.*' '    StrictHostKeyChecking no' \
                >'/etc/ssh/ssh_config.d/hpcc-cluster-hosts.conf'

                """))
        #expect(text.contains("cat >/etc/profile.d/hpcc-cluster-ssh-key.sh <<'HPCC_EOF'\n"))
        #expect(text.contains(#"ssh-keygen -q -t ed25519 -N '' -f "$HOME/.ssh/id_ed25519" </dev/null"#))
    }

    @Test func dockerGetsItsDaemonConfigAndWaitsForTheLocalSSDs() throws {
        let text = try script(
            """
            local_ssd_filesystem: {mountpoint: /mnt/lssd}
            docker:
              enabled: true
              world_writable: true
              daemon_config: |
                {"data-root": "/mnt/lssd/docker", "log-driver": "it's"}
            """)
        #expect(
            text.contains(
                """
                printf '%s\\n' '{"data-root": "/mnt/lssd/docker", "log-driver": "it'\\''s"}' >'/etc/docker/daemon.json'

                """))
        #expect(
            text.contains(
                """
                printf '%s\\n' '[Unit]' 'RequiresMountsFor=/mnt/lssd/docker' 'After=hpcc-localssd.service' \
                >'/etc/systemd/system/docker.service.d/hpcc.conf'

                """))
        #expect(
            text.contains(
                """
                printf '%s\\n' '[Socket]' 'SocketMode=0666' \
                >'/etc/systemd/system/docker.socket.d/hpcc-world-writable.conf'

                """))
        // The array comes first, so Docker's data root is mounted when Docker starts.
        let array = try #require(text.range(of: "systemctl enable --now hpcc-localssd.service"))
        let docker = try #require(text.range(of: "systemctl start docker.socket docker.service"))
        #expect(array.upperBound < docker.lowerBound)
    }

    @Test func dockerWithoutOptionsKeepsItsDefaultsAndAPrivateSocket() throws {
        let text = try script("docker: {enabled: true}")
        #expect(!text.contains("/etc/docker/daemon.json"))
        #expect(text.contains("rm -f '/etc/systemd/system/docker.service.d/hpcc.conf'\n"))
        #expect(text.contains("rm -f '/etc/systemd/system/docker.socket.d/hpcc-world-writable.conf'\n"))
    }

    @Test func rdmaTunablesAndTheNetworkWaitAreWritten() throws {
        let text = try script("set_ofi_cloud_rdma_tunables: true\nenable_gpu_network_wait_online: true")
        #expect(text.contains("export FI_PROVIDER=\"verbs;ofi_rxm\"\n"))
        #expect(text.contains("cat >/etc/profile.d/hpcc-ofi-cloud-rdma.sh <<'HPCC_EOF'\n"))
        #expect(text.contains("    systemctl enable hpcc-network-wait.service\n"))
        #expect(text.contains("'Before=google-startup-scripts.service'"))
    }

    @Test func withNoSetupTheScriptOnlyRunsItsRunners() throws {
        let text = try script("runners: [{type: data, destination: /etc/motd, content: hi}]")
        for absent in ["install_package", "hpcc_localssd", "docker", "ssh_config.d", "FI_PROVIDER", "network-wait"] {
            #expect(!text.contains(absent), "\(absent)")
        }
    }

    static let mistakes: [(settings: String, code: String)] = [
        ("local_ssd_filesystem: {mountpoint: ‸mnt/lssd}", "HPC2007"),
        ("local_ssd_filesystem: {mountpoint: /mnt/lssd, fs_type: ‸btrfs}", "HPC2007"),
        ("local_ssd_filesystem: {mountpoint: /mnt/lssd, permissions: ‸rwx}", "HPC2007"),
        ("local_ssd_filesystem: {mountpoint: ‸/home}", "HPC2007"),
        ("local_ssd_filesystem: {mountpoint: ‸/mnt/../etc}", "HPC2007"),
        ("configure_ssh_host_patterns: [ok-*, ‸'bad host']", "HPC2007"),
        ("docker: {world_writable: ‸true}", "HPC2007"),
        ("docker: {enabled: true, daemon_config: ‸'[1, 2]'}", "HPC2007"),
        ("docker: {enabled: true, daemon_config: ‸'{\"data-root\": \"docker\"}'}", "HPC2007"),
    ]

    @Test(arguments: mistakes)
    func mistakesAreReportedWhereWritten(_ settings: String, _ code: String) {
        let marked = MarkedBlueprint(blueprint(settings))
        let result = compile(marked.text)
        let expected = marked.markers.map { "\($0.line):\($0.column) \(code)" }
        #expect(positions(result.diagnostics, severity: .error) == expected)
        #expect(result.file("scripts/startup/startup.sh") == nil)
    }

    /// A runner's content may name another module's output hpcc knows at compile time (HPC3017 before).
    @Test func aRunnerNamingAKnownOutputIsCompiled() throws {
        let text = try script(
            """
            runners:
            - type: shell
              destination: name.sh
              content: "echo $(partition.partitions[0].partition_name)"
            """, used: false)
        #expect(text.contains(ShellWord.quote(Data("echo batch".utf8).base64EncodedString())))
    }

    /// With every step on, the script passes shellcheck at warning level (when shellcheck is installed).
    @Test(.enabled(if: Shell.has("shellcheck"))) func theFullSetupPassesShellcheck() throws {
        let text = try script(
            """
            local_ssd_filesystem: {mountpoint: /mnt/lssd, permissions: '1777'}
            configure_ssh_host_patterns: ['mini-*']
            docker: {enabled: true, world_writable: true, daemon_config: '{"data-root": "/mnt/lssd/docker"}'}
            set_ofi_cloud_rdma_tunables: true
            enable_gpu_network_wait_online: true
            runners: [{type: shell, destination: s.sh, content: "#!/bin/sh\\necho hi\\n"}]
            """)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hpcc-setup-\(UUID().uuidString).sh")
        defer { try? FileManager.default.removeItem(at: url) }
        try text.write(to: url, atomically: true, encoding: .utf8)
        let outcome = try Shell.run("/usr/bin/env", ["shellcheck", "--severity=warning", "--shell=bash", url.path])
        #expect(outcome.status == 0, "\(outcome.stdout)")
    }

    /// The Toolkit's hpc-slurm-local-ssd example compiles unchanged, its nodes assembling their local SSDs.
    @Test func theLocalSSDExampleCompiles() throws {
        guard case let .success(folder) = SharedFolder.upstream(for: "StartupSetupTests.theLocalSSDExampleCompiles")
        else { return }
        let path = "community/examples/hpc-slurm-local-ssd.yaml"
        let text = try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
        let result = Compiler().compile(SourceFile(name: path, text: text), variables: ["project_id=demo-project"])
        #expect(positions(result.diagnostics, severity: .error) == [])
        let script = try #require(result.file("scripts/startup/startup.sh"))
        #expect(script.contains("'ExecStart=/usr/local/sbin/hpcc-localssd /mnt/localssd ext4 1777'"))
    }
}
