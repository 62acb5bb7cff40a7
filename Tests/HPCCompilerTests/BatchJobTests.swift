import Foundation
import Testing
import TestSupport
@_spi(Tools) @testable import HPCCompiler

/// batch-job-template and batch-login-node: the job file, the template it names, the task
/// scripts' errors, native NFS mounting and the files the login node writes at boot.
@Suite("batch-job-template and batch-login-node")
struct BatchJobTests {
    /// A VPC, an existing NFS share, a Filestore, a job (settings `job`) and a login node.
    private func blueprint(job: String, deployment: String = "lab") -> String {
        """
        blueprint_name: batchtest
        vars:
          project_id: demo-project
          deployment_name: \(deployment)
          region: us-central1
          zone: us-central1-a
        deployment_groups:
        - group: primary
          modules:
          - id: network
            source: modules/network/vpc
          - id: share
            source: modules/file-system/pre-existing-network-storage
            settings:
              server_ip: 10.1.2.3
              remote_mount: /export
              local_mount: /share
              fs_type: nfs
          - id: scratch
            source: modules/file-system/filestore
            use: [network]
            settings:
              local_mount: /scratch
          - id: hello
            source: modules/scheduler/batch-job-template
            settings:

        """ + job + """
              - id: login
                source: modules/scheduler/batch-login-node
                use: [hello]

            """
    }

    private func resources(_ result: CompileResult) throws -> [String: [String: [String: Any]]] {
        let text = try #require(result.file("primary/main.tf.json"), "\(result.diagnostics)")
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        return try #require(json?["resource"] as? [String: [String: [String: Any]]])
    }

    @Test func aSimpleJobFileIsTheBatchAPIsJob() throws {
        let result = compile(blueprint(job: "      runnable: echo hello\n      task_count: 3\n"))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(
            result.file("batch/hello.json") == """
                {
                  "allocationPolicy": {
                    "instances": [
                      {
                        "instanceTemplate": "projects/demo-project/global/instanceTemplates/lab-hello"
                      }
                    ]
                  },
                  "labels": {
                    "hpcc_blueprint": "batchtest",
                    "hpcc_deployment": "lab",
                    "hpcc_module": "hello"
                  },
                  "logsPolicy": {
                    "destination": "CLOUD_LOGGING"
                  },
                  "taskGroups": [
                    {
                      "permissiveSsh": false,
                      "requireHostsFile": false,
                      "taskCount": "3",
                      "taskSpec": {
                        "runnables": [
                          {
                            "script": {
                              "text": "echo hello"
                            }
                          }
                        ]
                      }
                    }
                  ]
                }

                """)
    }

    @Test func anMPIJobFencesEveryStepWithBarriersAndRunsOneTaskPerVM() throws {
        let settings = """
                  mpi_mode: true
                  task_count: 2
                  log_policy: DESTINATION_UNSPECIFIED
                  runnables:
                  - script: ./build.sh
                  - script: mpirun ./solve

            """
        let text = try #require(compile(blueprint(job: settings)).file("batch/hello.json"))
        let job = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let group = try #require((job["taskGroups"] as? [[String: Any]])?.first)
        #expect(group["taskCount"] as? String == "2")
        #expect(group["taskCountPerNode"] as? String == "1")
        #expect(group["requireHostsFile"] as? Bool == true)
        #expect(group["permissiveSsh"] as? Bool == true)
        let runnables = try #require((group["taskSpec"] as? [String: Any])?["runnables"] as? [[String: Any]])
        let steps = runnables.map { runnable in
            (runnable["barrier"] as? [String: String])?["name"].map { "barrier \($0)" }
                ?? (runnable["script"] as? [String: String])?["text"] ?? "?"
        }
        #expect(
            steps == [
                "barrier wait-for-node-startup", "./build.sh", "barrier wait-for-script-to-complete", "mpirun ./solve",
                "barrier wait-for-script-to-complete",
            ])
        #expect(job["logsPolicy"] == nil)
    }

    @Test func theTemplateIsNamedAfterTheDeploymentAndJob() throws {
        let named = compile(blueprint(job: "      job_id: nightly\n      runnable: date\n"))
        let template = try #require(try resources(named)["google_compute_instance_template"]?["hello"])
        #expect(template["name"] as? String == "lab-nightly")
        #expect(
            named.file("batch/nightly.json")?.contains(#""projects/demo-project/global/instanceTemplates/lab-nightly""#)
                == true)
        let bad = compile(blueprint(job: "      job_id: Nightly_Run\n      runnable: date\n"))
        #expect(positions(bad.diagnostics) == ["27:15 HPC2007"], "\(bad.diagnostics)")
        let long = compile(blueprint(job: "      job_id: \(String(repeating: "j", count: 60))\n      runnable: date\n"))
        #expect(positions(long.diagnostics) == ["27:15 HPC2011"], "\(long.diagnostics)")
    }

    @Test func aJobNeedsExactlyOneOfRunnableAndRunnables() {
        let both = compile(blueprint(job: "      runnable: date\n      runnables:\n      - script: date\n"))
        #expect(positions(both.diagnostics) == ["27:17 HPC2007"], "\(both.diagnostics)")
        let neither = compile(blueprint(job: "      task_count: 2\n"))
        #expect(positions(neither.diagnostics) == ["24:9 HPC2008"], "\(neither.diagnostics)")
        let noScript = compile(blueprint(job: "      runnables:\n      - text: date\n"))
        #expect(positions(noScript.diagnostics) == ["28:9 HPC2008", "28:9 HPC2015"], "\(noScript.diagnostics)")
    }

    @Test func batchMountsKnownNFSSharesNatively() throws {
        let settings = """
                  runnable: ls /share
                  native_batch_mounting: true
                use: [network, share]

            """
        let result = compile(blueprint(job: settings))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let text = try #require(result.file("batch/hello.json"))
        #expect(
            text.contains(
                """
                        "volumes": [
                          {
                            "mountOptions": [
                              "defaults",
                              "_netdev"
                            ],
                            "mountPath": "/share",
                            "nfs": {
                              "remotePath": "/export",
                              "server": "10.1.2.3"
                            }
                          }
                        ]
                """))
        let resources = try resources(result)
        let template = try #require(resources["google_compute_instance_template"]?["hello"])
        #expect((template["metadata"] as? [String: String])?["hpcc-mounts"] == "[]")
        // The login node is no Batch VM: it mounts the share at boot.
        let login = try #require(resources["google_compute_instance"]?["login_0"])
        #expect((login["metadata"] as? [String: String])?["hpcc-mounts"]?.contains(#""server":"10.1.2.3""#) == true)
    }

    @Test func nativeMountingOfAFilestoreCreatedHereIsRefused() {
        let settings = """
                  runnable: ls /scratch
                  native_batch_mounting: true
                use: [network, scratch]

            """
        let result = compile(blueprint(job: settings))
        #expect(positions(result.diagnostics) == ["29:20 HPC2019"], "\(result.diagnostics)")
        #expect(result.diagnostics.first?.message.contains("'scratch'") == true)
        // Without native mounting the boot script mounts it, and the job file has no volumes.
        let booted = compile(blueprint(job: "      runnable: ls /scratch\n    use: [network, scratch]\n"))
        #expect(booted.diagnostics.isEmpty, "\(booted.diagnostics)")
        #expect(booted.file("batch/hello.json")?.contains("volumes") == false)
    }

    @Test func theLoginNodeWritesTheJobFilesAndReadmeAtBoot() throws {
        let result = compile(blueprint(job: "      runnable: echo ${HOME}\n"))
        let login = try #require(try resources(result)["google_compute_instance"]?["login_0"])
        let script = try #require((login["metadata"] as? [String: String])?["hpcc-user-script"])
        let lines = script.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(
            lines.prefix(3) == [
                "set -e", "mkdir -p /home/batch-jobs", "cat >/home/batch-jobs/hello.json <<'HPCC_BATCH_LOGIN_EOF'",
            ])
        #expect(lines.contains("cat >/home/batch-jobs/README.md <<'HPCC_BATCH_LOGIN_EOF'"))
        // The job file's text is escaped for Terraform, so the VM gets it as the deployment folder has it.
        #expect(script.contains(#""text": "echo $${HOME}""#))
        #expect(login["name"] as? String == "lab-batch-login-0")
    }
}
