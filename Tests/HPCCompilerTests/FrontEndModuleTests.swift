import Foundation
import Testing
@_spi(Tools) @testable import HPCCompiler

/// The modules the HPC Toolkit FrontEnd's blueprints use besides the Slurm ones: an imported VPC,
/// imported storage, a service account, a startup script and a Pub/Sub topic.
@Suite("FrontEnd modules")
struct FrontEndModuleTests {
    private func terraform(_ result: CompileResult) throws -> [String: Any] {
        let text = try #require(result.file("primary/main.tf.json"), "\(result.diagnostics.map(\.message))")
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    private func block(_ root: [String: Any], _ kind: String, _ type: String, _ name: String) -> [String: Any]? {
        ((root[kind] as? [String: Any])?[type] as? [String: Any])?[name] as? [String: Any]
    }

    private let importedNetwork = """
          - id: network
            source: modules/network/pre-existing-vpc
            settings:
              network_name: shared-net
              subnetwork_name: shared-subnet
        """

    @Test func preExistingVPCIsLookedUpAndNothingIsCreated() throws {
        let text = mini("  - id: network\n    source: modules/network/vpc\n", importedNetwork + "\n")
        let root = try terraform(compile(text))
        #expect(block(root, "data", "google_compute_network", "network")?["name"] as? String == "shared-net")
        #expect(block(root, "data", "google_compute_subnetwork", "network")?["region"] as? String == "us-central1")
        let resources = try #require(root["resource"] as? [String: Any])
        for type in [
            "google_compute_network", "google_compute_subnetwork", "google_compute_firewall", "google_compute_router",
            "google_compute_router_nat",
        ] {
            #expect(resources[type] == nil, "\(type)")
        }
        let template = try #require(block(root, "resource", "google_compute_instance_template", "nodeset"))
        let interface = try #require((template["network_interface"] as? [[String: Any]])?.first)
        #expect(interface["subnetwork"] as? String == "${data.google_compute_subnetwork.network.self_link}")
    }

    @Test func importedStorageReachesNodesAndInventoryLikeFilestore() throws {
        let text = miniPlus(
            """
              - id: home
                source: modules/file-system/pre-existing-network-storage
                settings: {server_ip: 10.0.0.2, remote_mount: /export/home, local_mount: /home}
              - id: scratch
                source: modules/file-system/pre-existing-network-storage
                settings: {server_ip: 10.0.0.9@tcp, remote_mount: scratch, local_mount: /scratch, fs_type: lustre}

            """
        ).replacingOccurrences(of: "use: [network, partition]", with: "use: [network, partition, home, scratch]")
        let result = compile(text)
        let root = try terraform(result)
        let controller = try #require(block(root, "resource", "google_compute_instance", "controller"))
        let mounts = try #require((controller["metadata"] as? [String: Any])?["hpcc-mounts"] as? String)
        #expect(
            mounts
                == #"""
                [{"local":"/home","options":"defaults,_netdev","remote":"/export/home","server":"10.0.0.2",\#
                "type":"nfs"},\#
                {"local":"/scratch","options":"defaults,_netdev","remote":"/scratch","server":"10.0.0.9@tcp",\#
                "type":"lustre"}]
                """#
        )
        let inventory = try #require(result.file("ansible/inventory.yml"))
        #expect(
            inventory.contains(
                """
                - server: \"10.0.0.2\"\n          remote_mount: /export/home\n          local_mount: /home\n          \
                fs_type: nfs\n
                """
            ))
        #expect(inventory.contains("- server: \"10.0.0.9@tcp\"\n          remote_mount: /scratch\n"))
        #expect((root["resource"] as? [String: Any])?["google_filestore_instance"] == nil)
        // /home is taken by the imported filesystem, so the controller exports only /opt/apps.
        #expect((controller["metadata"] as? [String: Any])?["hpcc-exports"] as? String == "/opt/apps")
    }

    @Test func serviceAccountEmailReachesEveryInstanceThroughUse() throws {
        let text = miniPlus(
            """
              - id: sa
                source: modules/project/service-account
                settings:
                  name: nodes
                  project_roles: [logging.logWriter, roles/logging.logWriter, storage.objectViewer]

            """
        ).replacingOccurrences(of: "use: [network]", with: "use: [network, sa]")
            .replacingOccurrences(of: "use: [network, partition]", with: "use: [network, partition, sa]")
        let root = try terraform(compile(text))
        let account = try #require(block(root, "resource", "google_service_account", "sa"))
        #expect(account["account_id"] as? String == "mini-nodes")
        let bindings = try #require(
            (root["resource"] as? [String: Any])?["google_project_iam_member"] as? [String: Any])
        #expect(bindings.keys.sorted() == ["sa_logging_logWriter", "sa_storage_objectViewer"])
        #expect(
            block(root, "resource", "google_project_iam_member", "sa_logging_logWriter")?["role"] as? String
                == "roles/logging.logWriter")
        for (type, name) in [
            ("google_compute_instance_template", "nodeset"), ("google_compute_instance", "controller"),
        ] {
            let instance = try #require(block(root, "resource", type, name))
            let email = (instance["service_account"] as? [[String: Any]])?.first?["email"] as? String
            #expect(email == "${google_service_account.sa.email}", "\(name)")
            #expect(
                (instance["depends_on"] as? [String])?.contains("google_project_iam_member.sa_storage_objectViewer")
                    == true, "\(name)")
        }
    }

    @Test func accountIDsFollowGoogleRules() {
        #expect(ServiceAccountModule.isAccountID("mini-nodes"))
        #expect(!ServiceAccountModule.isAccountID("short"))
        #expect(!ServiceAccountModule.isAccountID("nodes-"))
        #expect(!ServiceAccountModule.isAccountID("1nodes"))
        #expect(!ServiceAccountModule.isAccountID(String(repeating: "a", count: 31)))
    }

    @Test func startupScriptRunsItsRunnersFromItsOwnFile() throws {
        let text = miniPlus(
            """
              - id: startup
                source: modules/scripts/startup-script
                settings:
                  runners:
                  - {type: shell, destination: setup.sh, source: scripts/setup.sh, args: "--fast  --now"}
                  - {type: data, destination: /etc/motd, content: "it's $HOME; `x`\\n"}

            """
        ).replacingOccurrences(of: "use: [network]", with: "use: [network, startup]")
        let compiler = Compiler(files: .memory(["blueprints/scripts/setup.sh": "#!/bin/sh\necho 'set up'\n"]))
        let result = compiler.compile(SourceFile(name: "blueprints/test.yaml", text: text))
        let script = try #require(result.file("scripts/startup/startup.sh"), "\(result.diagnostics.map(\.message))")
        #expect(
            script.contains(
                """
                unpack \"$work\"/'setup.sh' 700 \
                '\(Data("#!/bin/sh\necho 'set up'\n".utf8).base64EncodedString())'\n\"$work\"/'setup.sh' '--fast' \
                '--now'\n
                """
            ))
        #expect(script.contains("unpack '/etc/motd' 644 '\(Data("it's $HOME; `x`\n".utf8).base64EncodedString())'\n"))
        #expect(!script.contains("ansible_playbook"))
        let root = try terraform(result)
        let metadata = try #require(
            block(root, "resource", "google_compute_instance_template", "nodeset")?["metadata"] as? [String: Any])
        #expect(metadata["hpcc-user-script"] as? String == #"${file("${path.module}/../scripts/startup/startup.sh")}"#)
        // The expanded blueprint carries the file's text, so it compiles without the file.
        let expanded = try #require(result.file("expanded-blueprint.yaml"))
        let again = Compiler(files: .memory([:])).compile(SourceFile(name: "expanded-blueprint.yaml", text: expanded))
        #expect(again.file("scripts/startup/startup.sh") == script, "\(again.diagnostics.map(\.message))")
    }

    @Test func shellWordsAreTakenLiterally() {
        #expect(ShellWord.quote("/etc/it's here") == #"'/etc/it'\''s here'"#)
    }

    @Test func runnersTooLargeForMetadataAreRejected() {
        let content = String(repeating: "x", count: StartupScriptModule.metadataBudget)
        let result = compile(
            miniPlus(
                """
                  - id: startup
                    source: modules/scripts/startup-script
                    settings:
                      runners: [{type: data, destination: /opt/blob, content: \(content)}]

                """))
        #expect(positions(result.diagnostics, severity: .error) == ["29:16 HPC3030"])
    }

    @Test func ansibleIsInstalledWhenAPlaybookRuns() throws {
        let text = miniPlus(
            """
              - id: startup
                source: modules/scripts/startup-script
                settings:
                  runners: [{type: ansible-local, destination: site.yml, content: "- hosts: localhost"}]

            """
        ).replacingOccurrences(of: "use: [network]", with: "use: [network, startup]")
        let script = try #require(compile(text).file("scripts/startup/startup.sh"))
        #expect(script.contains("ansible_venv='/usr/local/ghpc-venv'\n"))
        #expect(
            script.contains(
                """
                \"$ansible_playbook\" --connection=local --inventory=localhost, --limit=localhost \
                \"$work\"/'site.yml'\n
                """
            ))
    }

    @Test func topicNamesDefaultFromTheDeployment() throws {
        let root = try terraform(compile(miniPlus("  - id: commands\n    source: community/modules/pubsub/topic\n")))
        #expect(block(root, "resource", "google_pubsub_topic", "commands")?["name"] as? String == "mini_topic")
        #expect((root["output"] as? [String: Any])?["topic_id_commands"] != nil)
        #expect(PubSubTopicModule.problem("cluster.commands~1+%") == nil)
        #expect(PubSubTopicModule.problem("Googthing") != nil)
    }
}
