import Testing
@_spi(Tools) @testable import HPCCompiler

@Suite("Resolve: variables, use wiring, groups")
struct ResolveTests {
    @Test func variablesReachUnsetInputsOfTheSameName() throws {
        let result = compile(minimalBlueprint)
        let cluster = try #require(result.deployment?.clusters.first)
        #expect(cluster.controller.instance.project == "demo-project")
        #expect(cluster.controller.zone == "us-central1-a")
        #expect(cluster.name == "mini")
    }

    @Test func commandLineVariablesOverrideAndAdd() throws {
        let result = compile(
            mini("machine_type: n2-standard-2", "machine_type: $(vars.node_type)"),
            variables: ["node_type=c2-standard-4", "project_id=other-project"])
        #expect(result.succeeded, "\(result.diagnostics)")
        let nodeset = try #require(result.deployment?.clusters.first?.nodesets.first)
        #expect(nodeset.instance.machine.name == "c2-standard-4")
        #expect(nodeset.instance.project == "other-project")
    }

    @Test func aNullVariableModulesNeedIsReportedOnce() {
        let result = compile(mini("  project_id: demo-project\n", "  project_id:\n"))
        #expect(positions(result.diagnostics) == ["3:14 HPC2008"])
        #expect(
            result.diagnostics.first?.message
                == "variable 'project_id' has no value, and modules need it: network, nodeset, controller")
        #expect(
            compile(mini("  project_id: demo-project\n", "  project_id:\n"), variables: ["project_id=demo-project"])
                .succeeded)
    }

    /// A finding about a --vars value is placed in the blueprint: where it reads a variable only
    /// --vars declares, or at the declaration --vars overrides, with a note quoting the argument.
    @Test func commandLineValuesArePlacedInTheBlueprint() {
        let result = compile(
            mini("machine_type: n2-standard-2", "machine_type: $(vars.node_type)"),
            variables: ["node_type=n2-standard-3"])
        #expect(
            result.diagnostics.map {
                "\($0.location!.file):\($0.location!.line):\($0.location!.column) \($0.code.rawValue)"
            }
                == ["test.yaml:16:21 HPC3011"])
        #expect(result.sources.map(\.name) == ["test.yaml"])
        let overridden = compile(minimalBlueprint, variables: ["zone=europe-west4-a", "project_id=x"])
        #expect(
            overridden.diagnostics.map {
                "\($0.location!.file):\($0.location!.line):\($0.location!.column) \($0.code.rawValue)"
            }
                == ["test.yaml:3:3 HPC2007", "test.yaml:6:3 HPC3018"])
        #expect(
            overridden.diagnostics.first?.notes.map(\.message) == [
                "the value is given on the command line: --vars project_id=x (column 12)"
            ])
        #expect(overridden.diagnostics.first?.notes.first?.location == nil)
        let undeclared = compile(minimalBlueprint, variables: ["unused_thing=1"])
        #expect(positions(undeclared.diagnostics) == ["2:1 HPC3019"])
        #expect(undeclared.unusedCommandLineVariables == ["unused_thing"])
        let shared = Compiler().compile(
            SourceFile(name: "test.yaml", text: minimalBlueprint), variables: ["unused_thing=1"],
            undeclaredVariables: .mayBeForOtherBlueprints)
        #expect(shared.diagnostics.isEmpty)
        #expect(shared.unusedCommandLineVariables == ["unused_thing"])
    }

    @Test func listInputsCollectFromEveryUsedModuleInOrder() throws {
        let text = miniPlus(
            """
              - id: homefs
                source: modules/file-system/filestore
                use: [network]
                settings: {local_mount: /home}
              - id: appsfs
                source: modules/file-system/filestore
                use: [network]
                settings: {local_mount: /apps, name: apps}

            """
        ).replacingOccurrences(of: "use: [network, partition]", with: "use: [network, partition, appsfs, homefs]")
        let result = compile(text)
        let cluster = try #require(result.deployment?.clusters.first)
        #expect(cluster.mounts.map(\.localMount) == ["/apps", "/home"])
        #expect(
            cluster.controllerExports == ["/opt/apps"],
            "/home is mounted from Filestore, so the controller does not export it")
    }

    @Test func explicitSettingsWinOverUse() throws {
        let text = minimalBlueprint.replacingOccurrences(
            of: "      partition_name: batch\n", with: "      partition_name: batch\n      nodeset: []\n")
        let result = compile(text)
        // The explicit empty list wins, so `use: [nodeset]` wires nothing, which is reported.
        #expect(positions(result.diagnostics, severity: .error) == ["20:11 HPC3008"])
    }

    @Test func labelsMergeWithTheModuleWinning() throws {
        let text = mini("  zone: us-central1-a\n", "  zone: us-central1-a\n  labels: {team: cfd, tier: gold}\n")
            .replacingOccurrences(of: "      partition_name: batch\n", with: "      partition_name: batch\n")
            .replacingOccurrences(
                of: "    use: [network, partition]\n",
                with: "    use: [network, partition]\n    settings:\n      labels: {tier: silver}\n")
        let result = compile(text)
        let labels = try #require(result.deployment?.clusters.first?.origin.labels)
        #expect(
            labels == [
                "team": "cfd", "tier": "silver", "hpcc_blueprint": "mini", "hpcc_deployment": "mini",
                "hpcc_module": "controller",
            ])
    }

    @Test func mootSettingsWarnAndUnsupportedOnesStopTheBuildOnlyWhenWritten() {
        let quiet = compile(minimalBlueprint)
        #expect(quiet.diagnostics.isEmpty, "\(quiet.diagnostics)")
        let moot = compile(
            mini(
                "    use: [network, partition]\n",
                "    use: [network, partition]\n    settings:\n      slurm_conf_template: etc/slurm.conf.tpl\n"))
        #expect(positions(moot.diagnostics) == ["27:7 HPC2009"])
        #expect(moot.succeeded)
        let unsupported = compile(
            mini(
                "    use: [network, partition]\n",
                "    use: [network, partition]\n    settings:\n      enable_bigquery_load: true\n"))
        #expect(positions(unsupported.diagnostics) == ["27:7 HPC2019"])
        #expect(!unsupported.succeeded)
    }

    @Test func ignoreSilencesWarningsButNotErrors() {
        let text =
            mini(
                "    use: [network, partition]\n",
                "    use: [network, partition]\n    settings:\n      slurm_conf_template: etc/slurm.conf.tpl\n")
            + "ignore: [HPC2009]\n"
        #expect(compile(text).diagnostics.isEmpty)
        // Naming an error is itself an error, at the entry, reported with the error it named; without
        // the entry, the error it named stops the build.
        let broken = text.replacingOccurrences(of: "machine_type: n2-standard-2", with: "machine_type: n2-standard-3")
        let result = compile(broken.replacingOccurrences(of: "ignore: [HPC2009]", with: "ignore: [HPC2009, HPC3011]"))
        #expect(positions(result.diagnostics) == ["16:21 HPC3011", "28:19 HPC2017"])
        #expect(result.files.isEmpty)
        #expect(compile(broken).diagnostics.map(\.code) == [.unknownMachineType])
        #expect(
            result.diagnostics.last?.message
                == "HPC3011 is an error (\(DiagnosticCode.unknownMachineType.summary)); errors cannot be ignored")
        // Validator findings are errors or warnings by validation_level, so they may be ignored.
        let idle = mini("use: [nodeset]", "use: [nodeset, network]") + "validation_level: WARNING\nignore: [HPC3008]\n"
        #expect(compile(idle).diagnostics.isEmpty)
    }

    @Test func validationLevelSetsTheSeverityOfRuleFindings() {
        let idle = mini("use: [nodeset]", "use: [nodeset, network]")
        #expect(positions(compile(idle).diagnostics) == ["20:20 HPC3008"])
        #expect(compile(idle + "validation_level: WARNING\n").diagnostics.map(\.severity) == [.warning])
        #expect(compile(idle + "validation_level: IGNORE\n").diagnostics.isEmpty)
    }

    @Test func validatorInputsAreEvaluatedLikeSettings() {
        let text =
            mini(
                "  zone: us-central1-a\n",
                "  zone: us-central1-a\n  other_zone: $(vars.zone_prefix)-b\n  zone_prefix: europe-west4\n") + """
                validators:
                - validator: test_zone_in_region
                  inputs: {zone: $(vars.other_zone), region: us-central1}

                """
        #expect(positions(compile(text).diagnostics) == ["7:15 HPC3018"])
        #expect(
            compile(text.replacingOccurrences(of: "zone_prefix: europe-west4", with: "zone_prefix: us-central1"))
                .diagnostics.isEmpty)
    }

    @Test func crossGroupReferencesBecomeOutputsAndVariables() throws {
        let text = minimalBlueprint.replacingOccurrences(
            of: "  - id: nodeset\n", with: "- group: cluster\n  modules:\n  - id: nodeset\n")
        let result = compile(text)
        #expect(result.succeeded, "\(result.diagnostics)")
        let primary = try #require(result.file("primary/main.tf.json"))
        let cluster = try #require(result.file("cluster/main.tf.json"))
        #expect(primary.contains("\"subnetwork_self_link_network\": {\n      \"description\""))
        #expect(cluster.contains("\"variable\": {\n    \"subnetwork_self_link_network\""))
        #expect(cluster.contains("\"subnetwork\": \"${var.subnetwork_self_link_network}\""))
    }

    @Test func providersAndBackendsReachTerraformAndSurviveExpansion() throws {
        let text =
            minimalBlueprint + """
                terraform_backend_defaults:
                  type: gcs
                  configuration: {bucket: tf-state-$(vars.deployment_name)}
                terraform_providers:
                  google:
                    version: "~> 6.50"
                    configuration: {project: $(vars.project_id), default_labels: {owner: hpc}}

                """
        let result = compile(text)
        #expect(result.succeeded, "\(result.diagnostics)")
        let terraform = try #require(result.file("primary/main.tf.json"))
        #expect(
            terraform.contains(
                """
                \"backend\": {\n      \"gcs\": {\n        \"bucket\": \"tf-state-mini\",\n        \"prefix\": \
                \"mini/primary\"
                """
            ))
        #expect(terraform.contains("\"version\": \"~> 6.50\""))
        #expect(terraform.contains("\"default_labels\": {\n        \"owner\": \"hpc\""))
        let expanded = try #require(result.file("expanded-blueprint.yaml"))
        let again = compile(expanded, file: "expanded-blueprint.yaml")
        #expect(again.file("primary/main.tf.json") == terraform)
    }

    @Test func userStringsCannotBecomeTerraformInterpolations() throws {
        let text = mini(
            "    source: modules/network/vpc\n",
            """
                source: modules/network/vpc\n    settings:\n      network_description: \"cost ${var.secret} %{if x}\"\n
            """
        )
        let result = compile(text)
        #expect(
            result.file("primary/main.tf.json")?.contains("\"description\": \"cost $${var.secret} %%{if x}\"") == true)
    }

    @Test func slurmConfRejectsTextItCannotHold() {
        let text = mini("partition_name: batch", "partition_name: batch\n      partition_conf: {MaxTime: \"1 day\"}")
        #expect(positions(compile(text).diagnostics) == ["23:23 HPC4001"])
    }
}
