import Foundation
import Testing
import TestSupport
@_spi(Tools) @testable import HPCCompiler

/// `client_install_runner` and `mount_runner` of pre-existing-network-storage: shell runners a startup
/// script runs, built from the client installation and fstab mount hpcc's node scripts use.
@Suite("Filesystem runners")
struct FilesystemRunnerTests {
    /// The minimal blueprint with a pre-existing filesystem `store` of `settings` lines whose two runners a
    /// startup-script module `startup` runs.
    private func compiled(_ settings: String) -> CompileResult {
        let lines = settings.split(separator: "\n").map { "      \($0)\n" }.joined()
        return compile(
            miniPlus(
                "  - id: store\n    source: modules/file-system/pre-existing-network-storage\n    settings:\n" + lines
                    + """
                      - id: startup
                        source: modules/scripts/startup-script
                        settings:
                          runners:
                          - $(store.client_install_runner)
                          - $(store.mount_runner)

                    """))
    }

    /// The two runners of the startup script, in order.
    private func runners(_ settings: String) throws -> [StartupRunner] {
        let result = compiled(settings)
        #expect(result.diagnostics.filter { $0.severity == .error }.map(\.message) == [])
        return try #require(result.deployment?.startupScripts.first { $0.origin.module == "startup" }).runners
    }

    @Test func aBucketIsInstalledFromGooglesRepositoryAndMountedWithItsOptions() throws {
        let runners = try runners(
            "remote_mount: my-bucket\nlocal_mount: /gcs-data\nfs_type: gcsfuse\n"
                + "mount_options: \"profile=aiml-checkpointing,\\\n  dir_mode=777,allow_other\"")
        #expect(
            runners.map(\.destination) == ["install_filesystem_client_gcs-data.sh", "mount_filesystem_gcs-data.sh"])
        #expect(runners.map(\.kind) == [.shell, .shell])
        #expect(runners.allSatisfy { $0.arguments.isEmpty && $0.content.hasPrefix("#!/bin/bash\n") })
        #expect(runners[0].content.hasSuffix("\nensure_client 'gcsfuse'\n"))
        #expect(
            runners[0].content.contains(
                "https://packages.cloud.google.com/apt gcsfuse-$codename main\" >/etc/apt/sources.list.d/gcsfuse.list"
            ))
        #expect(!runners[0].content.contains("mount_entry"))
        #expect(
            runners[1].content.hasSuffix(
                "\nmount_entry 'my-bucket' '/gcs-data' 'gcsfuse' "
                    + "'profile=aiml-checkpointing,dir_mode=777,allow_other'\n"
            ))
        #expect(runners[1].content.contains("mount_entry() { # source target type options\n"))
    }

    @Test func anNFSExportIsMountedFromItsServer() throws {
        let runners = try runners("server_ip: 10.0.0.2\nremote_mount: /export\nlocal_mount: /data")
        #expect(runners[0].content.hasSuffix("\nensure_client 'nfs'\n"))
        #expect(runners[1].content.hasSuffix("\nmount_entry '10.0.0.2:/export' '/data' 'nfs' 'defaults,_netdev'\n"))
    }

    @Test func emptyOptionsMountWithDefaults() throws {
        let runners = try runners("server_ip: 10.0.0.2\nremote_mount: /export\nlocal_mount: /data\nmount_options: ''")
        #expect(runners[1].content.hasSuffix("\nmount_entry '10.0.0.2:/export' '/data' 'nfs' 'defaults'\n"))
    }

    @Test func optionsAnFstabLineCannotHoldAreAnError() {
        let result = compiled("server_ip: 10.0.0.2\nremote_mount: /export\nmount_options: 'ro, hard'")
        #expect(
            result.diagnostics.filter { $0.severity == .error }.map(\.message) == [
                "mount_options 'ro, hard' hold a space, quote, '#', control character or backslash, which an fstab "
                    + "line cannot hold"
            ])
    }

    /// A runner's `name` labels its line in the startup script's progress log.
    @Test func aRunnersNameLabelsItsProgressLine() throws {
        let result = compile(
            miniPlus(
                """
                  - id: startup
                    source: modules/scripts/startup-script
                    settings:
                      runners:
                      - {type: data, destination: /etc/x.conf, content: x, name: "the x config"}

                """))
        let text = try #require(result.file("scripts/startup/startup.sh"), "\(result.diagnostics.map(\.message))")
        #expect(text.contains("log 'runner 1/1 (data): /etc/x.conf (the x config)'\n"))
    }

    /// The node scripts and the runners install clients with the same function.
    @Test func nodeScriptsShareTheClientInstallation() {
        #expect(ShellFunctions.common(tag: "t").contains(ShellFunctions.filesystemClients + ShellFunctions.mountEntry))
    }

    /// Both runners pass shellcheck at warning level (when shellcheck is installed).
    @Test(.enabled(if: Shell.has("shellcheck"))) func theRunnersPassShellcheck() throws {
        for runner in try runners("remote_mount: my-bucket\nlocal_mount: /gcs\nfs_type: gcsfuse") {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("hpcc-\(UUID().uuidString).sh")
            defer { try? FileManager.default.removeItem(at: url) }
            try runner.content.write(to: url, atomically: true, encoding: .utf8)
            let outcome = try Shell.run("/usr/bin/env", ["shellcheck", "--severity=warning", "--shell=bash", url.path])
            #expect(outcome.status == 0, "\(outcome.stdout)")
        }
    }
}
