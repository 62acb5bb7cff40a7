import Testing
@_spi(Tools) @testable import HPCCompiler

/// Every Cluster Toolkit setting hpcc does not act on is either moot by design (a warning that
/// says what hpcc does instead) or not supported yet (an error whenever its value asks for
/// something). Nothing a blueprint asks for is dropped with only a warning.
@Suite struct SettingEffectTests {
    /// The settings that used to be accepted "without effect", each with the kind it is now. A
    /// setting added to, moved between or dropped from these kinds changes this list on purpose.
    static let expected: [String: [String: String]] = [
        "community/modules/scheduler/schedmd-slurm-gcp-v6-controller": [
            "slurm_conf_template": "moot", "slurmdbd_conf_tpl": "moot",
            "cgroup_conf_tpl": "moot",
            "extra_logging_flags": "moot", "endpoint_versions": "moot", "gcloud_path_override": "moot",
            "munge_mount": "moot",
            "slurm_key_mount": "moot",
            "enable_bigquery_load": "unsupported",
            "enable_chs_gpu_health_check_prolog": "unsupported",
            "enable_chs_gpu_health_check_epilog": "unsupported",
            "universe_domain": "unsupported", "controller_project_id": "unsupported",
            "controller_network_attachment": "unsupported", "nodeset_dyn": "unsupported",
        ],
        "community/modules/compute/schedmd-slurm-gcp-v6-nodeset": [
            "machine_configs": "moot",
            "future_reservation": "unsupported",
            "placement_max_distance": "unsupported", "maintenance_interval": "unsupported",
            "instance_properties": "unsupported",
            "enable_maintenance_reservation": "unsupported", "enable_opportunistic_maintenance": "unsupported",
            "zone_target_shape": "unsupported",
            "subnetwork_stack_type": "unsupported",
            "confidential_instance_type": "unsupported",
        ],
        "community/modules/scheduler/schedmd-slurm-gcp-v6-login": ["additional_networks": "unsupported"],
        "community/modules/compute/schedmd-slurm-gcp-v6-partition": ["nodeset_dyn": "unsupported"],
        "community/modules/compute/schedmd-slurm-gcp-v6-nodeset-tpu": [
            "accelerator_config": "unsupported", "data_disks": "unsupported", "docker_image": "unsupported",
        ],
        "modules/network/vpc": ["delete_default_internet_gateway_routes": "unsupported"],
        "modules/network/gpu-rdma-vpc": ["delete_default_internet_gateway_routes": "unsupported"],
        "modules/network/multivpc": ["delete_default_internet_gateway_routes": "unsupported"],
        "modules/project/service-account": [
            "grant_xpn_roles": "moot", "billing_account_id": "moot", "grant_billing_role": "unsupported",
            "org_id": "unsupported",
        ],
        "modules/file-system/managed-lustre": ["network_self_link": "moot"],
        "community/modules/compute/notebook": ["mount_runner": "moot"],
        "modules/compute/vm-instance": [
            "network_self_link": "moot", "allocate_ip": "unsupported",
            "machine_configs": "unsupported",
        ],
        "community/modules/remote-desktop/chrome-remote-desktop": ["network_self_link": "moot"],
        "modules/file-system/netapp-storage-pool": ["network_self_link": "moot"],
        "community/modules/scripts/spack-execute": ["gcs_bucket_path": "unsupported"],
        "community/modules/scripts/ramble-execute": ["gcs_bucket_path": "unsupported"],
        "modules/scheduler/batch-job-template": [
            "instance_template": "unsupported", "job_filename": "unsupported", "submit": "unsupported",
        ],
        "modules/packer/custom-image": [
            "shell_scripts": "unsupported", "ansible_playbooks": "unsupported", "windows_startup_ps1": "unsupported",
            "startup_script_file": "unsupported", "compute_endpoint_version": "unsupported",
            "gcloud_path_override": "unsupported",
        ],
    ]

    @Test func everySettingHpccDoesNotActOnHasItsKind() {
        var actual: [String: [String: String]] = [:]
        for schema in ModuleCatalog.builtIn.modules {
            for spec in schema.settings {
                switch spec.effect {
                case .moot: actual[schema.source, default: [:]][spec.name] = "moot"
                case .unsupported: actual[schema.source, default: [:]][spec.name] = "unsupported"
                case .implemented, .deprecated: break
                }
            }
        }
        #expect(actual == Self.expected)
    }

    /// One blueprint holding every module that has such settings (the minimal one and more); it
    /// compiles without a finding.
    static let base =
        miniPlus(
            """
              - id: psa
                source: modules/network/private-service-access
                use: [network]
              - id: accounts
                source: modules/project/service-account
                settings:
                  name: nodes
                  project_roles: [logging.logWriter]
              - id: scratch
                source: modules/file-system/managed-lustre
                use: [network, psa]
                settings:
                  name: effects-scratch
                  remote_mount: scratch
                  local_mount: /scratch
              - id: bucket
                source: modules/file-system/cloud-storage-bucket
                settings:
                  name_prefix: demo-project
                  random_suffix: true
              - id: notebook
                source: community/modules/compute/notebook
                use: [network, bucket]
                settings:
                  instance_owner: ada@example.com
              - id: login
                source: community/modules/scheduler/schedmd-slurm-gcp-v6-login
                use: [network]
              - id: spack
                source: community/modules/scripts/spack-setup
              - id: spack_build
                source: community/modules/scripts/spack-execute
                use: [spack]
              - id: ramble
                source: community/modules/scripts/ramble-setup
              - id: ramble_run
                source: community/modules/scripts/ramble-execute
                use: [ramble]
              - id: rdma
                source: modules/network/gpu-rdma-vpc
                settings:
                  network_profile: projects/demo-project/global/networkProfiles/us-central1-a-vpc-roce
                  subnetworks_template: {count: 2, ip_range: 192.168.0.0/24}
              - id: gpunets
                source: modules/network/multivpc
                settings:
                  network_count: 1
              - id: vms
                source: modules/compute/vm-instance
                use: [network]
                settings:
                  machine_type: n2-standard-4
              - id: pool
                source: modules/file-system/netapp-storage-pool
                use: [network, psa]
                settings:
                  capacity_gib: 2048
                  service_level: PREMIUM
              - id: desktop
                source: community/modules/remote-desktop/chrome-remote-desktop
                use: [network]
                settings:
                  install_nvidia_driver: false
              - id: tpu
                source: community/modules/compute/schedmd-slurm-gcp-v6-nodeset-tpu
                use: [network]
                settings:
                  node_type: v3-8
                  node_count_dynamic_max: 1
              - id: tpu_partition
                source: community/modules/compute/schedmd-slurm-gcp-v6-partition
                use: [tpu]
                settings:
                  partition_name: tpu
                  is_default: true
              - id: batchjob
                source: modules/scheduler/batch-job-template
                use: [network]
                settings:
                  runnable: hostname

            """
        ).replacingOccurrences(
            of: "    use: [network, partition]\n",
            with: "    use: [network, partition, login, scratch, tpu_partition]\n"
        ).replacingOccurrences(
            of: "      machine_type: n2-standard-2\n",
            with: "      machine_type: n2-standard-2\n"
                + "      additional_networks: $(concat(gpunets.additional_networks, rdma.subnetwork_interfaces))\n")
            + """

            - group: image
              modules:
              - id: image
                source: modules/packer/custom-image
                kind: packer
                use: [network]

            """

    static let moduleBySource = [
        "modules/network/vpc": "network", "modules/project/service-account": "accounts",
        "modules/file-system/managed-lustre": "scratch", "modules/packer/custom-image": "image",
        "community/modules/compute/notebook": "notebook", "modules/compute/vm-instance": "vms",
        "community/modules/remote-desktop/chrome-remote-desktop": "desktop",
        "community/modules/scripts/spack-execute": "spack_build",
        "community/modules/scripts/ramble-execute": "ramble_run",
        "community/modules/compute/schedmd-slurm-gcp-v6-nodeset": "nodeset",
        "community/modules/compute/schedmd-slurm-gcp-v6-partition": "partition",
        "community/modules/compute/schedmd-slurm-gcp-v6-nodeset-tpu": "tpu",
        "modules/file-system/netapp-storage-pool": "pool",
        "community/modules/scheduler/schedmd-slurm-gcp-v6-login": "login",
        "community/modules/scheduler/schedmd-slurm-gcp-v6-controller": "controller",
        "modules/network/gpu-rdma-vpc": "rdma", "modules/network/multivpc": "gpunets",
        "modules/scheduler/batch-job-template": "batchjob",
    ]

    /// `base` with `name: value` added to the settings of module `id`, and the line it is on.
    static func setting(_ name: String, _ value: String, in id: String) -> (text: String, line: Int) {
        var lines = base.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = lines.firstIndex(of: "  - id: \(id)")!
        var index = start + 1
        while index < lines.count, !lines[index].hasPrefix("    settings:"), !lines[index].hasPrefix("  - id:"),
            !lines[index].isEmpty
        { index += 1 }
        if index < lines.count, lines[index].hasPrefix("    settings:") {
            lines[index] = "    settings:"
        } else {
            lines.insert("    settings:", at: index)
        }
        lines.insert("      \(name): \(value)", at: index + 1)
        return (lines.joined(separator: "\n"), index + 2)
    }

    /// A value of the setting's type that asks for something; nil when none can (a flag that
    /// is on by default, and off asks for nothing).
    static func asking(_ spec: SettingSpec) -> String? {
        switch spec.type {
        case .bool where spec.defaultValue == .bool(true): nil
        case .bool: "true"
        case .number: "5"
        case .string: "asked-for"
        case .list(.string): "[asked]"
        case .list: "[{name: asked}]"
        case .map(.bool): "{asked: true}"
        default: "{asked: for}"
        }
    }

    /// A value in YAML flow style.
    static func flow(_ value: Value) -> String {
        switch value {
        case .null: "null"
        case let .bool(flag): "\(flag)"
        case let .int(number): "\(number)"
        case let .string(text): "\"\(text)\""
        case let .list(elements): "[" + elements.map(flow).joined(separator: ", ") + "]"
        case let .map(members):
            "{" + members.keys.sorted().map { "\($0): \(flow(members[$0]!))" }.joined(separator: ", ") + "}"
        default: "\(value)"
        }
    }

    @Test func theBaseBlueprintCompilesWithoutFindings() {
        let result = compile(Self.base)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.succeeded)
    }

    /// Each setting, given a value that asks for something, gives exactly its kind's finding, at
    /// its key: a warning that still builds, or an error that stops the build.
    @Test(
        arguments: expected.flatMap { source, settings in settings.keys.map { (source, $0) } }.sorted {
            "\($0)" < "\($1)"
        })
    func askingForSomethingGivesTheKindsFinding(source: String, name: String) throws {
        let spec = try #require(ModuleCatalog.builtIn.module(source)?.setting(name))
        guard let value = Self.asking(spec) else { return }
        let (text, line) = Self.setting(name, value, in: Self.moduleBySource[source]!)
        let result = compile(text)
        switch spec.effect {
        case let .moot(instead):
            #expect(positions(result.diagnostics) == ["\(line):7 HPC2009"], "\(result.diagnostics)")
            #expect(result.diagnostics.first?.message.hasSuffix(instead) == true)
            #expect(result.succeeded)
        case let .unsupported(missing):
            #expect(positions(result.diagnostics) == ["\(line):7 HPC2019"], "\(result.diagnostics)")
            #expect(result.diagnostics.first?.message.contains(missing) == true)
            #expect(result.files.isEmpty)
        default:
            Issue.record("\(source) \(name) is \(spec.effect)")
        }
    }

    /// The default, null, false and empty values ask for nothing: no finding, and the expanded
    /// blueprint does not carry them.
    @Test(
        arguments: expected.flatMap { source, settings in settings.keys.map { (source, $0) } }.sorted {
            "\($0)" < "\($1)"
        })
    func inertValuesAreQuiet(source: String, name: String) throws {
        let spec = try #require(ModuleCatalog.builtIn.module(source)?.setting(name))
        let expanded = try #require(compile(Self.base).file("expanded-blueprint.yaml"))
        for value in spec.inertValues {
            let (text, _) = Self.setting(name, Self.flow(value), in: Self.moduleBySource[source]!)
            let result = compile(text)
            #expect(result.diagnostics.isEmpty, "\(name): \(value): \(result.diagnostics)")
            #expect(result.file("expanded-blueprint.yaml") == expanded, "\(name): \(value)")
        }
    }

    /// The two switches of the GPU health checks ask for one missing thing: one error, with a note.
    @Test func settingsAskingForTheSameThingMakeOneError() {
        var (text, line) = Self.setting("enable_chs_gpu_health_check_prolog", "true", in: "controller")
        text = text.replacingOccurrences(
            of: "      enable_chs_gpu_health_check_prolog: ",
            with: "      enable_chs_gpu_health_check_epilog: true\n      enable_chs_gpu_health_check_prolog: ")
        let result = compile(text)
        #expect(positions(result.diagnostics) == ["\(line + 1):7 HPC2019"])
        #expect(
            result.diagnostics.first?.notes.map(\.message) == ["'enable_chs_gpu_health_check_epilog' asks for it too"])
        #expect(result.diagnostics.first?.notes.first?.location?.line == line)
        #expect(
            result.diagnostics.first?.message.hasPrefix(
                "setting 'enable_chs_gpu_health_check_prolog' of module 'controller'") == true)
    }

    /// A variable of the setting's name feeds it in every module; the error is at the variable, once.
    @Test func aVariableFeedingAnUnsupportedSettingIsOneErrorAtTheVariable() {
        let text = Self.base.replacingOccurrences(
            of: "  zone: us-central1-a\n",
            with: "  zone: us-central1-a\n  maintenance_interval: PERIODIC\n")
        let result = compile(text)
        #expect(positions(result.diagnostics) == ["7:25 HPC2019"], "\(result.diagnostics)")
    }

    /// The JSON schema lets only the values through that compile.
    @Test func theJSONSchemaAllowsOnlyInertValuesOfUnsupportedSettings() throws {
        let document = BlueprintSchema.render()
        #expect(
            document.contains("\"required\" : [\n                  \"enabled\"") || document.contains("\"enabled\""))
        let text = try #require(
            CatalogExport.files(.builtIn).first { $0.path.hasSuffix("schedmd-slurm-gcp-v6-nodeset/README.md") }?.text)
        #expect(text.contains("## Not supported yet"))
        #expect(text.contains("- `future_reservation` (default `\"\"`): future reservations."))
        #expect(text.contains("## Moot in hpcc"))
        #expect(
            DiagnosticCode.settingNotSupported.manual.contains(
                "schedmd-slurm-gcp-v6-nodeset: future_reservation: future reservations"))
        #expect(
            DiagnosticCode.settingNoEffect.manual.contains(
                "schedmd-slurm-gcp-v6-controller: slurm_conf_template: hpcc writes slurm.conf itself"))
    }
}
