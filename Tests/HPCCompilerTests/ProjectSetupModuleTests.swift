import Foundation
import Testing
@_spi(Tools) @testable import HPCCompiler

/// The project-level modules of the Toolkit's examples: a Monitoring dashboard, enabled services
/// and commands run where Terraform runs.
@Suite("Dashboard, service-enablement and gcloud modules")
struct ProjectSetupModuleTests {
    /// A blueprint of one group holding `modules` (YAML list items, indented by two spaces), with
    /// `region` among its variables when they use it.
    private func blueprint(_ modules: String, region: Bool = false) -> String {
        """
        blueprint_name: setup
        vars:
          project_id: demo-project
          deployment_name: setup-demo\(region ? "\n  region: us-central1" : "")
        deployment_groups:
        - group: primary
          modules:
        \(modules)
        """
    }

    private func resources(_ result: CompileResult) throws -> [String: [String: [String: Any]]] {
        let text = try #require(result.file("primary/main.tf.json"), "\(result.diagnostics.map(\.message))")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        return try #require(root["resource"] as? [String: [String: [String: Any]]])
    }

    private func dashboard(_ result: CompileResult, _ name: String) throws -> [String: Any] {
        let resource = try #require(try resources(result)["google_monitoring_dashboard"]?[name])
        #expect(resource["project"] as? String == "demo-project")
        let text = try #require(resource["dashboard_json"] as? String)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func hpcDashboardChartsTheDeploymentsInstances() throws {
        let result = compile(blueprint("  - id: hpc_dash\n    source: modules/monitoring/dashboard\n"))
        let json = try dashboard(result, "hpc_dash")
        #expect(json["displayName"] as? String == "HPC dashboard (setup-demo)")
        #expect((json["labels"] as? [String: String])?["hpcc_module"] == "hpc_dash")
        let grid = try #require(json["gridLayout"] as? [String: Any])
        #expect(grid["columns"] as? Int == 2)
        let widgets = try #require(grid["widgets"] as? [[String: Any]])
        #expect(
            widgets.map { $0["title"] as? String } == [
                "HPC dashboard", "CPU utilization", "Memory used (Ops Agent)", "Disk read bytes", "Disk write bytes",
                "Network bytes received", "Network bytes sent",
            ])
        #expect(
            (widgets[0]["text"] as? [String: String])
                == ["content": "Instances of the hpcc deployment `setup-demo`.", "format": "MARKDOWN"])
        let memory = try #require((widgets[2]["xyChart"] as? [String: Any])?["dataSets"] as? [[String: Any]])
        let filter = (memory[0]["timeSeriesQuery"] as? [String: Any])?["timeSeriesFilter"] as? [String: Any]
        // The instances carry the sanitized deployment name as their hpcc_deployment label.
        #expect(
            filter?["filter"] as? String
                == """
                metric.type="agent.googleapis.com/memory/percent_used" resource.type="gce_instance" \
                metadata.user_labels."hpcc_deployment"="setup-demo" metric.label."state"="used"
                """)
        #expect(
            (filter?["aggregation"] as? [String: String])
                == ["alignmentPeriod": "60s", "perSeriesAligner": "ALIGN_MEAN"])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
    }

    @Test func emptyDashboardHoldsTheHeadingAndTheBlueprintsWidgets() throws {
        let result = compile(
            blueprint(
                """
                  - id: dash
                    source: modules/monitoring/dashboard
                    settings:
                      base_dashboard: Empty
                      title: Jobs ${a}
                      widgets:
                      - '{"title": "Queue", "text": {"content": "see squeue", "format": "RAW"}, "n": 1.5}'
                    outputs: [instructions]

                """))
        let resource = try #require(try resources(result)["google_monitoring_dashboard"]?["dash"])
        // The title is text, not a template: `${` is escaped in the Terraform string.
        #expect(
            (resource["dashboard_json"] as? String)?.contains("\"displayName\":\"Jobs $${a} (setup-demo)\"") == true)
        let json = try dashboard(result, "dash")
        let widgets = try #require((json["gridLayout"] as? [String: Any])?["widgets"] as? [[String: Any]])
        #expect(widgets.count == 2)
        #expect(widgets[1]["title"] as? String == "Queue" && widgets[1]["n"] as? Double == 1.5)
        let text = try #require(result.file("primary/main.tf.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let output = (root["output"] as? [String: [String: String]])?["instructions_dash"]?["value"]
        #expect(
            output
                == """
                ${"Cloud Monitoring dashboard: https://console.cloud.google.com/monitoring/dashboards/builder/\
                ${basename(google_monitoring_dashboard.dash.id)}?project=demo-project\\n"}
                """)
    }

    @Test func widgetThatIsNotAJSONObjectIsReportedWhereItIsWritten() {
        let marked = MarkedBlueprint(
            blueprint(
                """
                  - id: dash
                    source: modules/monitoring/dashboard
                    settings:
                      widgets:
                      - '{"title": "ok"}'
                      - ‸'{"title": '
                      - ‸'[1, 2]'
                      base_dashboard: ‸Mosaic

                """))
        let result = compile(marked.text)
        #expect(!result.succeeded)
        #expect(positions(result.diagnostics) == marked.markers.map { "\($0.line):\($0.column) HPC2007" })
    }

    @Test func servicesAreEnabledOneResourceEach() throws {
        let result = compile(
            blueprint(
                """
                  - id: apis
                    source: community/modules/project/service-enablement
                    settings:
                      gcp_service_list: [compute.googleapis.com, file.googleapis.com]

                """))
        let services = try #require(try resources(result)["google_project_service"])
        #expect(services.keys.sorted() == ["apis_compute_googleapis_com", "apis_file_googleapis_com"])
        let compute = try #require(services["apis_compute_googleapis_com"])
        #expect(compute["project"] as? String == "demo-project")
        #expect(compute["service"] as? String == "compute.googleapis.com")
        #expect(compute["disable_on_destroy"] as? Bool == false)
        #expect(compute["disable_dependent_services"] as? Bool == false)
        #expect(compute["timeouts"] as? [String: String] == ["create": "30m", "update": "40m"])
    }

    @Test func disablingOnDestroyTakesDependentServicesAlong() throws {
        let result = compile(
            blueprint(
                """
                  - id: apis
                    source: community/modules/project/service-enablement
                    settings:
                      gcp_service_list: [pubsub.googleapis.com]
                      disable_on_destroy: true

                """))
        let pubsub = try #require(try resources(result)["google_project_service"]?["apis_pubsub_googleapis_com"])
        #expect(pubsub["disable_on_destroy"] as? Bool == true)
        #expect(pubsub["disable_dependent_services"] as? Bool == true)
    }

    @Test func badAndRepeatedServicesAreReported() {
        let marked = MarkedBlueprint(
            blueprint(
                """
                  - id: apis
                    source: community/modules/project/service-enablement
                    settings:
                      gcp_service_list:
                      - compute.googleapis.com
                      - ‸Compute
                      - ‸compute.googleapis.com

                """))
        let result = compile(marked.text)
        #expect(
            positions(result.diagnostics)
                == zip(marked.markers, ["HPC2011", "HPC2012"]).map { "\($0.line):\($0.column) \($1)" })
    }

    @Test func gcloudCommandsRunInOrderAndAreUndoneInReverse() throws {
        let result = compile(
            blueprint(
                """
                  - id: cmds
                    source: community/modules/scripts/gcloud
                    settings:
                      commands:
                      - create: gcloud compute networks create net-$(vars.region) --project=$(vars.project_id)
                        delete: gcloud compute networks delete net-$(vars.region) --quiet
                      - create: echo "${HOME}"
                        delete: echo done

                """, region: true))
        let data = try #require(try resources(result)["terraform_data"]?["cmds"])
        let create = """
            set -ex
            echo 'hpcc: create commands of module' 'cmds'
            gcloud compute networks create net-us-central1 --project=demo-project
            echo "$${HOME}"

            """
        let delete = """
            set -x
            echo 'hpcc: delete commands of module' 'cmds'
            {
            echo done
            } || echo 'hpcc: delete command 2 of module' 'cmds' 'failed; going on' >&2
            {
            gcloud compute networks delete net-us-central1 --quiet
            } || echo 'hpcc: delete command 1 of module' 'cmds' 'failed; going on' >&2

            """
        #expect(data["triggers_replace"] as? [String] == [create, delete])
        #expect(data["input"] as? String == delete)
        let provisioners = try #require(data["provisioner"] as? [[String: [String: Any]]])
        #expect(provisioners.count == 2)
        #expect(provisioners[0]["local-exec"]?["command"] as? String == create)
        #expect(provisioners[0]["local-exec"]?["interpreter"] as? [String] == ["/bin/bash", "-c"])
        #expect(provisioners[1]["local-exec"]?["when"] as? String == "destroy")
        #expect(provisioners[1]["local-exec"]?["command"] as? String == "${self.input}")
    }

    @Test func gcloudPairWithAnEmptyCommandIsReported() {
        let marked = MarkedBlueprint(
            blueprint(
                """
                  - id: cmds
                    source: community/modules/scripts/gcloud
                    settings:
                      commands:
                      - create: gcloud projects describe $(vars.project_id)
                        delete: ‸" "

                """))
        let result = compile(marked.text)
        #expect(positions(result.diagnostics) == marked.markers.map { "\($0.line):\($0.column) HPC2007" })
    }
}
