import Foundation
import Testing
@_spi(Tools) @testable import HPCCompiler

@Suite("Cloud Storage buckets and Vertex AI Workbench instances")
struct WorkbenchTests {
    private func deployment(_ text: String) throws -> (Deployment, CompileResult) {
        let result = compile(text)
        return (try #require(result.deployment, "\(result.diagnostics)"), result)
    }

    @Test func bucketNameJoinsPrefixDeploymentAndAStableSuffix() throws {
        let text = workbenchBlueprint(bucket: "      name_prefix: atlas\n      random_suffix: true\n")
        let (first, _) = try deployment(text)
        let (second, _) = try deployment(text)
        let mount = try #require(first.filesystems.first { $0.mount.type == .gcsfuse }?.mount)
        let suffix = String(Digest.sha256("demo-project/lab/datasets").prefix(8))
        #expect(mount.remotePath == "atlas-lab-\(suffix)")
        #expect(mount.server.known == "")
        #expect(second.filesystems == first.filesystems)
        let other = try deployment(
            text.replacingOccurrences(of: "project_id: demo-project", with: "project_id: other-project")
        ).0
        #expect(other.filesystems.first { $0.mount.type == .gcsfuse }?.mount.remotePath != mount.remotePath)
    }

    @Test func bucketNameRulesCatchLookAlikesAndAddresses() {
        #expect(BucketName.problem("lab-data") == nil)
        #expect(BucketName.problem("my_bucket.example.com") == nil)
        #expect(BucketName.problem("ab") != nil)
        #expect(BucketName.problem("goog-data") != nil)
        #expect(BucketName.problem("data-g00gle") != nil)
        #expect(BucketName.problem("192.168.5.4") != nil)
        #expect(BucketName.problem("-data") != nil)
        #expect(BucketName.problem("Data") != nil)
        #expect(BucketName.problem(String(repeating: "a", count: 64)) != nil)
    }

    @Test func ownerEmailGivesTheJupyterUser() throws {
        let (deployment, result) = try deployment(
            workbenchBlueprint().replacingOccurrences(of: "ada@example.com", with: "Ada.Lovelace+lab@example.com"))
        let workbench = try #require(deployment.workbenches.first)
        #expect(workbench.login == "ada_lovelace_lab_example_com")
        #expect(workbench.name == "lab-workbench")
        let main = try #require(result.file("primary/main.tf.json"))
        #expect(main.contains(#""jupyter-user": "ada_lovelace_lab_example_com""#))
        #expect(main.contains(#""Ada.Lovelace+lab@example.com""#))
    }

    /// Issue 20: the owner is an OS Login user, as on the cluster; no local account, no chown of a home folder
    /// that may be the owner's cluster home.
    @Test func ownerIsAnOSLoginUserAndNoHomeIsChowned() throws {
        let (_, result) = try deployment(workbenchBlueprint())
        let main = try #require(result.file("primary/main.tf.json"))
        #expect(main.contains(#""enable-oslogin": "TRUE""#))
        let script = try #require(result.file("scripts/workbench-startup.sh"))
        #expect(!script.contains("useradd") && !script.contains("chown"))
        #expect(script.contains("wait_for_os_login_account || exit 1"))
        #expect(script.contains(#"[ -d "$workdir" ] || install -d -m 0750 -o "$login""#))
    }

    @Test func anOwnerlessWorkbenchOnASharedHomeIsWarnedAbout() throws {
        let text = workbenchBlueprint().replacingOccurrences(of: "      instance_owner: ada@example.com\n", with: "")
        let result = compile(text)
        #expect(positions(result.diagnostics) == ["23:20 HPC3058"], "\(result.diagnostics)")
        #expect(result.diagnostics.first?.severity == .warning)
        #expect(result.file("scripts/workbench-startup.sh")?.contains("wait_for_os_login_account ||") == false)
    }

    @Test func ownerLoginOverridesTheDerivedUser() throws {
        let (deployment, _) = try deployment(workbenchBlueprint(notebook: "      owner_login: ext_ada\n"))
        #expect(deployment.workbenches.first?.login == "ext_ada")
        #expect(deployment.workbenches.first?.workingDirectory == "/home/ext_ada")
    }

    @Test func mountsKeepTheirOrderInTheScript() throws {
        let (_, result) = try deployment(
            workbenchBlueprint().replacingOccurrences(
                of: "use: [network, homefs, datasets]", with: "use: [network, datasets, homefs]"))
        let script = try #require(result.file("scripts/workbench-startup.sh"))
        let bucket = try #require(
            script.range(of: "mount_one \"$(metadata hpcc-mount-0-server)\" 'lab' '/data' gcsfuse"))
        let home = try #require(
            script.range(of: "mount_one \"$(metadata hpcc-mount-1-server)\" '/nfsshare' '/home' nfs"))
        #expect(bucket.lowerBound < home.lowerBound)
        #expect(script.contains("ensure_client nfs || failed=1\nensure_client gcsfuse || failed=1"))
        #expect(script.contains("link_into_workdir '/data' 'data'"))
        #expect(script.contains("  - /tmp,"))
        #expect(
            !script.contains("every file in /home/ada_example_com"),
            "the working directory lies on the /home filesystem")
    }

    @Test func userStringsReachTheShellQuoted() throws {
        let (_, result) = try deployment(
            workbenchBlueprint(
                notebook: """
                          network_storage:
                          - {server_ip: 10.0.0.9, remote_mount: /export, local_mount: /x$HOME, fs_type: nfs}

                    """
            ).replacingOccurrences(of: "use: [network, homefs, datasets]", with: "use: [network, datasets]"))
        let script = try #require(result.file("scripts/workbench-startup.sh"))
        #expect(script.contains("'/x$HOME'"))
        #expect(ShellWord.quote("it's") == #"'it'\''s'"#)
    }

    @Test func changingTheMountsReplacesTheInstance() throws {
        let (_, before) = try deployment(workbenchBlueprint())
        let (_, after) = try deployment(
            workbenchBlueprint().replacingOccurrences(of: "local_mount: /data", with: "local_mount: /datasets"))
        let old = try #require(before.file("primary/main.tf.json")),
            new = try #require(after.file("primary/main.tf.json"))
        #expect(old.contains(#""replace_triggered_by": ["#) && old.contains(#""terraform_data.workbench_mounts""#))
        let record = { (text: String) in text.components(separatedBy: "\"workbench_mounts\"")[1].prefix(300) }
        #expect(record(old) != record(new))
        #expect(record(new).contains("/datasets"))
    }

    @Test func theInventoryListsWorkbenchesWithTheirMounts() throws {
        let (_, result) = try deployment(workbenchBlueprint())
        let inventory = try #require(result.file(InventoryEmitter.path))
        #expect(
            inventory.contains(
                "    workbench:\n      hosts:\n        lab-workbench:\n          hpcc_workbench_user: ada_example_com\n"
            ))
        #expect(inventory.contains("output -json network_storage_homefs"))
    }

    @Test func slurmNodesMountABucketWithoutServer() throws {
        let text = miniPlus(
            """
              - id: scratch
                source: modules/file-system/cloud-storage-bucket
                settings:
                  local_mount: /scratch

            """
        ).replacingOccurrences(of: "use: [network, partition]", with: "use: [network, partition, scratch]")
        let (deployment, result) = try deployment(text)
        let mount = try #require(deployment.clusters.first?.mounts.first)
        #expect(mount.type == .gcsfuse && mount.remotePath == "mini" && mount.server.known == "")
        let main = try #require(result.file("primary/main.tf.json"))
        #expect(
            main.contains(
                #"""
                \"local\":\"/scratch\",\"options\":\"defaults,_netdev,implicit_dirs\",\#
                \"remote\":\"mini\",\"server\":\"\",\"type\":\"gcsfuse\"
                """#
            ))
        #expect(
            result.file(NodeBootScript.path)?.contains(#"m["server"] or "-""#) == true,
            "an empty server must not shift the tab-separated fields")
    }
}
