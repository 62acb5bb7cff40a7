import Foundation
import Testing
@_spi(Tools) @testable import HPCCompiler

/// One invalid blueprint: the expected error codes, in position order, at the `‸` markers.
struct InvalidCase: CustomTestStringConvertible, Sendable {
    let name: String
    let blueprint: String
    let codes: [DiagnosticCode]
    var help: String? = nil
    var variables: [String] = []

    var testDescription: String { name }
}

/// Replaces `old` in the minimal blueprint (which must occur exactly once).
func mini(_ old: String, _ new: String) -> String {
    precondition(minimalBlueprint.components(separatedBy: old).count == 2, "'\(old)' must occur once")
    return minimalBlueprint.replacingOccurrences(of: old, with: new)
}

/// The minimal blueprint with extra modules appended to its group.
func miniPlus(_ modules: String) -> String {
    minimalBlueprint + modules
}

/// The minimal blueprint with a Managed Lustre `scratch` (behind private services access) that
/// the controller mounts; `settings` are extra lines of the Lustre module's settings.
func lustreScratch(_ settings: String) -> String {
    let extra = settings.split(separator: "\n").map { "      \($0)\n" }.joined()
    return miniPlus(
        """
          - id: psa
            source: modules/network/private-service-access
            use: [network]
          - id: scratch
            source: modules/file-system/managed-lustre
            use: [network, psa]
            settings:
              name: scratch
              remote_mount: scratch
        """ + "\n" + extra + "\n"
    ).replacingOccurrences(of: "use: [network, partition]", with: "use: [network, partition, scratch]")
}

let invalidCases: [InvalidCase] = [
    InvalidCase(
        name: "YAML syntax error (tab indentation)",
        blueprint: mini("  zone: us-central1-a\n", "‸\tzone: us-central1-a\n"), codes: [.yamlSyntax]),
    InvalidCase(
        name: "YAML syntax error (unclosed flow list)",
        blueprint: mini("  zone: us-central1-a\n", "  zone: [us-central1-a\ndeployment_groups_x‸: 1\n"),
        codes: [.yamlSyntax]),
    InvalidCase(
        name: "duplicate key",
        blueprint: mini("  zone: us-central1-a\n", "  zone: us-central1-a\n  ‸zone: us-central1-b\n"),
        codes: [.duplicateKey]),
    InvalidCase(
        name: "non-string key", blueprint: mini("  zone: us-central1-a\n", "  zone: us-central1-a\n  ‸[a, b]: c\n"),
        codes: [.nonStringKey]),
    InvalidCase(
        name: "unknown top-level key",
        blueprint: "‸‸blueprint_nam: mini\n"
            + minimalBlueprint.replacingOccurrences(of: "blueprint_name: mini\n", with: ""),
        codes: [.unknownKey, .missingKey], help: "did you mean 'blueprint_name'?"),
    InvalidCase(
        name: "missing deployment_name",
        blueprint: mini("  deployment_name: mini\n", "").replacingOccurrences(
            of: "vars:\n  project_id", with: "vars:\n  ‸project_id"),
        codes: [.missingKey]),
    InvalidCase(
        name: "misspelled setting",
        blueprint: mini("      machine_type: n2-standard-2", "      ‸machine_typ: n2-standard-2"),
        codes: [.unknownSetting], help: "did you mean 'machine_type'?"),
    InvalidCase(
        name: "unknown module source", blueprint: mini("source: modules/network/vpc", "source: ‸modules/network/vcp"),
        codes: [.unknownSource], help: "did you mean 'modules/network/vpc'?"),
    InvalidCase(
        name: "quoted number", blueprint: mini("node_count_dynamic_max: 2", "node_count_dynamic_max: ‸\"2\""),
        codes: [.typeMismatch], help: "remove the quotes"),
    InvalidCase(
        name: "list where a number belongs",
        blueprint: mini("node_count_dynamic_max: 2", "node_count_dynamic_max: ‸[2]"), codes: [.typeMismatch]),
    InvalidCase(
        name: "value outside enum",
        blueprint: mini("partition_name: batch", "partition_name: batch\n      exclusive: ‸maybe"),
        codes: [.typeMismatch]),
    InvalidCase(
        name: "filestore tier not in enum",
        blueprint: miniPlus(
            """
              - id: homefs
                source: modules/file-system/filestore
                use: [network]
                settings:
                  filestore_tier: ‸PREMIUM

            """), codes: [.constraintViolation]),
    InvalidCase(
        name: "missing required setting",
        blueprint: mini("      partition_name: batch\n", "      is_default: true\n").replacingOccurrences(
            of: "- id: partition", with: "- id: ‸partition"),
        codes: [.missingSetting]),
    InvalidCase(
        name: "blueprint name not a label", blueprint: mini("blueprint_name: mini", "blueprint_name: ‸Mini_Blueprint"),
        codes: [.invalidName]),
    InvalidCase(
        name: "duplicate module id",
        blueprint: miniPlus(
            """
              - id: ‸network
                source: modules/network/vpc

            """), codes: [.duplicateName]),
    InvalidCase(
        name: "packer kind on a terraform module",
        blueprint: miniPlus(
            """
              - id: topic
                source: community/modules/pubsub/topic
                kind: ‸packer

            """
        ),
        codes: [.unsupportedModuleKind]),
    InvalidCase(
        name: "unknown object attribute",
        blueprint: miniPlus(
            """
              - id: homefs
                source: modules/file-system/filestore
                use: [network]
                settings:
                  deletion_protection: {enabled: true, ‸reasn: backups}

            """), codes: [.unknownAttribute], help: "did you mean 'reason'?"),
    InvalidCase(
        name: "unknown validator", blueprint: minimalBlueprint + "validators:\n- validator: ‸test_zone_in_regin\n",
        codes: [.unknownValidator], help: "did you mean 'test_zone_in_region'?"),
    InvalidCase(
        name: "removed setting",
        blueprint: mini(
            "      node_count_dynamic_max: 2\n",
            "      node_count_dynamic_max: 2\n      ‸instance_template: my-template\n"),
        codes: [.deprecatedSetting]),
    InvalidCase(
        name: "unknown variable", blueprint: mini("machine_type: n2-standard-2", "machine_type: $(‸vars.machine)"),
        codes: [.unknownVariable]),
    InvalidCase(
        name: "variable cycle",
        blueprint: mini("  zone: us-central1-a\n", "  zone: us-central1-a\n  a: $(vars.b)\n  b: $(‸vars.a)\n"),
        codes: [.variableCycle]),
    InvalidCase(
        name: "unknown use id", blueprint: mini("use: [nodeset]", "use: [‸nodeset2]"), codes: [.unknownModule],
        help: "did you mean 'nodeset'?"),
    InvalidCase(
        name: "unknown output",
        blueprint: mini("machine_type: n2-standard-2", "machine_type: $(‸network.machine_type)"),
        codes: [.unknownOutput]),
    InvalidCase(
        name: "reference to a later group",
        blueprint: minimalBlueprint.replacingOccurrences(
            of: "  - id: controller\n", with: "- group: later\n  modules:\n  - id: controller\n"
        )
        .replacingOccurrences(
            of: "      machine_type: n2-standard-2", with: "      machine_type: $(‸controller.slurm_cluster_name)"),
        codes: [.laterGroupReference]),
    InvalidCase(
        name: "variable references a module",
        blueprint: mini("  zone: us-central1-a\n", "  zone: us-central1-a\n  net: $(‸network.network_name)\n"),
        codes: [.variableReferencesModule]),
    InvalidCase(
        name: "expression in a source", blueprint: mini("source: modules/network/vpc", "source: ‸$(vars.vpc)"),
        codes: [.expressionNotAllowed]),
    InvalidCase(
        name: "unclosed expression", blueprint: mini("machine_type: n2-standard-2", "machine_type: ‸$(vars.zone"),
        codes: [.expressionSyntax]),
    InvalidCase(
        name: "unused nodeset",
        blueprint: miniPlus(
            """
              - id: ‸spare
                source: community/modules/compute/schedmd-slurm-gcp-v6-nodeset
                use: [network]

            """), codes: [.moduleNotUsed]),
    // A module a setting names is used, also when that reference fails: one error, not also HPC3009.
    InvalidCase(
        name: "an unknown output of a used network",
        blueprint: mini(
            "    use: [network]\n    settings:\n",
            "    settings:\n      subnetwork_self_link: $(‸network.subnetwork_selflink)\n"
        )
        .replacingOccurrences(
            of: "  - id: controller\n",
            with:
                """
                  - id: controller\n    settings: {subnetwork_self_link: \
                projects/demo-project/regions/us-central1/subnetworks/sub}\n
                """
        )
        .replacingOccurrences(of: "    use: [network, partition]", with: "    use: [partition]"),
        codes: [.unknownOutput]),
    InvalidCase(
        name: "module uses itself",
        blueprint: mini("use: [network, partition]", "use: [network, partition, ‸controller]"), codes: [.moduleCycle]),
    InvalidCase(
        name: "unknown function", blueprint: mini("machine_type: n2-standard-2", "machine_type: $(‸upper(vars.zone))"),
        codes: [.unsupportedFunction]),
    InvalidCase(
        name: "unknown machine type", blueprint: mini("machine_type: n2-standard-2", "machine_type: ‸n2-standard-3"),
        codes: [.unknownMachineType]),
    InvalidCase(
        name: "static nodes in an exclusive partition",
        blueprint: mini("node_count_dynamic_max: 2", "node_count_static: 1")
            .replacingOccurrences(of: "partition_name: batch", with: "partition_name: batch\n      exclusive: ‸true"),
        codes: [.staticNodesInExclusivePartition]),
    InvalidCase(
        name: "two default partitions",
        blueprint:
            minimalBlueprint
            .replacingOccurrences(
                of: "      partition_name: batch\n", with: "      partition_name: batch\n      is_default: true\n"
            )
            .replacingOccurrences(
                of: "- id: controller",
                with: """
                    - id: other
                        source: community/modules/compute/schedmd-slurm-gcp-v6-partition
                        use: [nodeset]
                        settings:
                          partition_name: other
                          is_default: ‸true
                      - id: controller
                    """
            ).replacingOccurrences(of: "use: [network, partition]", with: "use: [network, partition, other]"),
        codes: [.defaultPartitionCount]),
    InvalidCase(
        name: "network range not CIDR",
        blueprint: mini(
            "    source: modules/network/vpc\n",
            "    source: modules/network/vpc\n    settings:\n      network_address_range: ‸10.0.0.1/9\n"),
        codes: [.invalidNetworkRange]),
    InvalidCase(
        name: "filestore capacity below tier",
        blueprint: miniPlus(
            """
              - id: homefs
                source: modules/file-system/filestore
                use: [network]
                settings:
                  filestore_tier: BASIC_SSD
                  size_gb: ‸1024

            """
        ).replacingOccurrences(of: "use: [network, partition]", with: "use: [network, partition, homefs]"),
        codes: [.capacityOutOfRange]),
    InvalidCase(
        name: "customer-managed key for Managed Lustre",
        blueprint: lustreScratch("kms_key: ‸projects/p/locations/l/keyRings/r/cryptoKeys/k"),
        codes: [.constraintViolation]),
    InvalidCase(
        name: "zone outside region",
        blueprint: mini(
            "      node_count_dynamic_max: 2\n", "      node_count_dynamic_max: 2\n      zones: ‸[europe-west4-a]\n"),
        codes: [.zoneNotInRegion]),
    InvalidCase(
        name: "GPU on a C2 machine",
        blueprint: mini(
            "      node_count_dynamic_max: 2\n",
            "      node_count_dynamic_max: 2\n      guest_accelerator: ‸[{type: nvidia-l4, count: 1}]\n"),
        codes: [.acceleratorMismatch]),
    InvalidCase(
        name: "duplicate partition names",
        blueprint:
            minimalBlueprint
            .replacingOccurrences(
                of: "      partition_name: batch\n", with: "      partition_name: batch\n      is_default: true\n"
            )
            .replacingOccurrences(
                of: "- id: controller",
                with: """
                    - id: ‸other
                        source: community/modules/compute/schedmd-slurm-gcp-v6-partition
                        use: [nodeset]
                        settings:
                          partition_name: batch
                      - id: controller
                    """
            ).replacingOccurrences(of: "use: [network, partition]", with: "use: [network, partition, other]"),
        codes: [.duplicateSlurmName]),
    InvalidCase(
        name: "filestore capacity off the tier's step",
        blueprint: miniPlus(
            """
              - id: homefs
                source: modules/file-system/filestore
                use: [network]
                settings:
                  filestore_tier: ZONAL
                  size_gb: ‸1300

            """
        ).replacingOccurrences(of: "use: [network, partition]", with: "use: [network, partition, homefs]"),
        codes: [.capacityOutOfRange], help: "the nearest sizes it offers: 1280 or 1536 GiB"),
    InvalidCase(
        name: "Managed Lustre capacity off the tier's step",
        blueprint: lustreScratch("per_unit_storage_throughput: 1000\nsize_gib: ‸10000"),
        codes: [.capacityOutOfRange], help: "the nearest sizes it offers: 9000 or 18000 GiB"),
    InvalidCase(
        name: "secondary range overlapping its subnetwork",
        blueprint: mini(
            "    source: modules/network/vpc\n",
            """
                source: modules/network/vpc
                settings:
                  subnetworks:
                  - {subnet_name: compute, subnet_region: us-central1, subnet_ip: 10.0.0.0/16}
                  secondary_ranges:
                    ‸compute: [{range_name: pods, ip_cidr_range: 10.0.128.0/17}]

            """), codes: [.invalidNetworkRange]),
    InvalidCase(
        name: "two subnetworks overlapping",
        blueprint: mini(
            "    source: modules/network/vpc\n",
            """
                source: modules/network/vpc
                settings:
                  subnetworks:
                  ‸- {subnet_name: compute, subnet_region: us-central1, subnet_ip: 10.0.0.0/16}
                  - {subnet_name: storage, subnet_region: us-central1, subnet_ip: 10.0.64.0/18}

            """), codes: [.invalidNetworkRange]),
    InvalidCase(
        name: "two filesystems at one mount point",
        blueprint: miniPlus(
            """
              - id: homefs
                source: modules/file-system/filestore
                use: [network]
              - id: ‸appsfs
                source: modules/file-system/filestore
                use: [network]

            """
        ).replacingOccurrences(of: "use: [network, partition]", with: "use: [network, partition, homefs, appsfs]"),
        codes: [.conflictingMounts]),
    InvalidCase(
        name: "nested mount points",
        blueprint: miniPlus(
            """
              - id: homefs
                source: modules/file-system/filestore
                use: [network]
                settings: {local_mount: /home}
              - id: ‸appsfs
                source: modules/file-system/filestore
                use: [network]
                settings: {local_mount: /home/apps}

            """
        ).replacingOccurrences(of: "use: [network, partition]", with: "use: [network, partition, homefs, appsfs]"),
        codes: [.conflictingMounts]),
    InvalidCase(
        name: "relative mount point",
        blueprint: miniPlus(
            """
              - id: homefs
                source: modules/file-system/filestore
                use: [network]
                settings: {local_mount: ‸home}

            """
        ).replacingOccurrences(of: "use: [network, partition]", with: "use: [network, partition, homefs]"),
        codes: [.constraintViolation]),
    InvalidCase(
        name: "host name too long after prefixing",
        blueprint: miniPlus(
            """
              - id: ‸login
                source: community/modules/scheduler/schedmd-slurm-gcp-v6-login
                use: [network]
                settings:
                  name_prefix: interactive-login-nodes-for-the-computational-fluids-group

            """
        ).replacingOccurrences(of: "use: [network, partition]", with: "use: [network, partition, login]"),
        codes: [.hostnameTooLong]),
    InvalidCase(
        name: "nodeset names colliding after sanitizing",
        blueprint:
            minimalBlueprint
            .replacingOccurrences(
                of: "      partition_name: batch\n", with: "      partition_name: batch\n      is_default: true\n"
            )
            .replacingOccurrences(
                of: "- id: controller",
                with: """
                    - id: ‸node_set
                        source: community/modules/compute/schedmd-slurm-gcp-v6-nodeset
                        use: [network]
                      - id: other
                        source: community/modules/compute/schedmd-slurm-gcp-v6-partition
                        use: [node_set]
                        settings:
                          partition_name: other
                      - id: controller
                    """
            ).replacingOccurrences(of: "use: [network, partition]", with: "use: [network, partition, other]"),
        codes: [.duplicateSlurmName]),
    InvalidCase(
        name: "unknown N1 GPU",
        blueprint: mini(
            "machine_type: n2-standard-2",
            "machine_type: n1-standard-8\n      guest_accelerator: ‸[{type: nvidia-tesla-t5, count: 1}]"),
        codes: [.acceleratorMismatch], help: "did you mean 'nvidia-tesla-t4'?"),
    InvalidCase(
        name: "GPU count N1 does not offer",
        blueprint: mini(
            "machine_type: n2-standard-2",
            "machine_type: n1-standard-8\n      guest_accelerator: ‸[{type: nvidia-tesla-t4, count: 3}]"),
        codes: [.acceleratorMismatch]),
    InvalidCase(
        name: "too many vCPUs for the GPU count",
        blueprint: mini(
            "machine_type: n2-standard-2",
            "machine_type: n1-standard-96\n      guest_accelerator: ‸[{type: nvidia-tesla-t4, count: 2}]"),
        codes: [.acceleratorMismatch], help: "attach 4 GPUs, or choose an N1 type with at most 48 vCPUs"),
    InvalidCase(
        name: "imported NFS without a server",
        blueprint: miniPlus(
            """
              - id: ‸home
                source: modules/file-system/pre-existing-network-storage
                settings:
                  remote_mount: /export/home
                  local_mount: /home

            """), codes: [.storageSettingsMismatch]),
    InvalidCase(
        name: "imported NFS export not a path",
        blueprint: miniPlus(
            """
              - id: home
                source: modules/file-system/pre-existing-network-storage
                settings:
                  server_ip: 10.0.0.2
                  remote_mount: ‸export
                  local_mount: /home

            """), codes: [.storageSettingsMismatch]),
    InvalidCase(
        name: "imported gcsfuse with a server",
        blueprint: miniPlus(
            """
              - id: data
                source: modules/file-system/pre-existing-network-storage
                settings:
                  fs_type: gcsfuse
                  server_ip: ‸10.0.0.2
                  remote_mount: my-bucket
                  local_mount: /data

            """), codes: [.storageSettingsMismatch]),
    InvalidCase(
        name: "imported Lustre server without a network",
        blueprint: miniPlus(
            """
              - id: scratch
                source: modules/file-system/pre-existing-network-storage
                settings:
                  fs_type: lustre
                  server_ip: ‸10.0.0.2
                  remote_mount: ‸/scratch/fs
                  local_mount: /scratch

            """), codes: [.storageSettingsMismatch, .storageSettingsMismatch]),
    InvalidCase(
        name: "service account id too long after prefixing",
        blueprint: miniPlus(
            """
              - id: sa
                source: modules/project/service-account
                settings:
                  name: ‸cluster-node-account-longer
                  project_roles: [logging.logWriter]

            """), codes: [.invalidName],
        help:
            """
            an account id has 6-30 characters: a lowercase letter, then lowercase letters, digits or '-', not ending \
            in '-'; shorten name (the deployment name takes 5)
            """
    ),
    InvalidCase(
        name: "service account id with uppercase",
        blueprint: miniPlus(
            """
              - id: sa
                source: modules/project/service-account
                settings:
                  name: ‸Nodes
                  project_roles: [logging.logWriter]

            """), codes: [.invalidName]),
    InvalidCase(
        name: "service account role not a role",
        blueprint: miniPlus(
            """
              - id: sa
                source: modules/project/service-account
                settings:
                  name: nodes
                  project_roles: ‸[logging.logWriter, "roles/ bad"]

            """), codes: [.invalidName]),
    InvalidCase(
        name: "service account keys asked for",
        blueprint: miniPlus(
            """
              - id: sa
                source: modules/project/service-account
                settings:
                  name: nodes
                  project_roles: [logging.logWriter]
                  generate_keys: ‸true

            """), codes: [.constraintViolation]),
    InvalidCase(
        name: "service account display name too long with the deployment appended",
        blueprint: miniPlus(
            """
              - id: sa
                source: modules/project/service-account
                settings:
                  name: nodes
                  display_name: ‸\(String(repeating: "d", count: 95))
                  project_roles: [logging.logWriter]

            """), codes: [.constraintViolation]),
    InvalidCase(
        name: "topic name reserved prefix",
        blueprint: miniPlus(
            """
              - id: commands
                source: community/modules/pubsub/topic
                settings:
                  topic_id: ‸goog-commands

            """), codes: [.invalidName]),
    InvalidCase(
        name: "topic name starts with a digit",
        blueprint: miniPlus(
            """
              - id: commands
                source: community/modules/pubsub/topic
                settings:
                  topic_id: ‸"1commands"

            """), codes: [.invalidName]),
    InvalidCase(
        name: "topic name with a space",
        blueprint: miniPlus(
            """
              - id: commands
                source: community/modules/pubsub/topic
                settings:
                  topic_id: ‸cluster commands

            """), codes: [.invalidName]),
    InvalidCase(
        name: "startup runner of unknown type",
        blueprint: miniPlus(
            """
              - id: startup
                source: modules/scripts/startup-script
                settings:
                  runners:
                  ‸- {type: shel, destination: a.sh, content: "echo hi"}

            """), codes: [.invalidStartupRunner], help: "did you mean 'shell'?"),
    InvalidCase(
        name: "startup runner without content",
        blueprint: miniPlus(
            """
              - id: startup
                source: modules/scripts/startup-script
                settings:
                  runners: ‸[{type: shell, destination: a.sh}]

            """), codes: [.invalidStartupRunner]),
    InvalidCase(
        name: "startup runner with content and source",
        blueprint: miniPlus(
            """
              - id: startup
                source: modules/scripts/startup-script
                settings:
                  runners: ‸[{type: shell, destination: a.sh, content: "echo hi", source: a.sh}]

            """), codes: [.invalidStartupRunner]),
    InvalidCase(
        name: "startup runner source missing",
        blueprint: miniPlus(
            """
              - id: startup
                source: modules/scripts/startup-script
                settings:
                  runners: ‸[{type: shell, destination: a.sh, source: no-such-dir/setup.sh}]

            """), codes: [.includedFileUnreadable]),
    InvalidCase(
        name: "data runner with a relative destination",
        blueprint: miniPlus(
            """
              - id: startup
                source: modules/scripts/startup-script
                settings:
                  runners: ‸[{type: data, destination: etc/motd, content: "hello"}]

            """), codes: [.invalidStartupRunner]),
    InvalidCase(
        name: "two runners with one destination",
        blueprint: miniPlus(
            """
              - id: startup
                source: modules/scripts/startup-script
                settings:
                  runners: ‸[{type: shell, destination: a.sh, content: "echo 1"}, {type: shell, destination: a.sh, \
            content: "echo 2"}]

            """), codes: [.invalidStartupRunner]),
    InvalidCase(
        name: "shell runner args with quotes",
        blueprint: miniPlus(
            """
              - id: startup
                source: modules/scripts/startup-script
                settings:
                  runners: ‸[{type: shell, destination: a.sh, content: "echo 1", args: "'a b'"}]

            """), codes: [.invalidStartupRunner]),
    InvalidCase(
        name: "bucket name with an upper-case prefix",
        blueprint: workbenchBlueprint(bucket: "      name_prefix: ‸Data\n"), codes: [.invalidName]),
    InvalidCase(
        name: "bucket name starting with goog",
        blueprint: workbenchBlueprint(bucket: "      name_prefix: ‸google-data\n"), codes: [.invalidName]),
    InvalidCase(
        name: "bucket name too long after prefixing",
        blueprint: workbenchBlueprint(bucket: "      name_prefix: ‸\(String(repeating: "d", count: 60))\n"),
        codes: [.invalidName]),
    InvalidCase(
        name: "bucket name from an upper-case deployment name",
        blueprint: workbenchBlueprint().replacingOccurrences(of: "deployment_name: lab", with: "deployment_name: ‸Lab"),
        codes: [.invalidName]),
    InvalidCase(
        name: "bucket without a name",
        blueprint: workbenchBlueprint(bucket: "      use_deployment_name_in_bucket_name: ‸false\n"),
        codes: [.constraintViolation]),
    InvalidCase(
        name: "hierarchical namespace with versioning",
        blueprint: workbenchBlueprint(
            bucket: "      enable_hierarchical_namespace: true\n      enable_versioning: ‸true\n"),
        codes: [.constraintViolation]),
    InvalidCase(
        name: "workbench machine type not in the catalog",
        blueprint: workbenchBlueprint(notebook: "      machine_type: ‸n2-standard-3\n"), codes: [.unknownMachineType]),
    InvalidCase(
        name: "workbench mount path not absolute",
        blueprint: workbenchBlueprint(
            notebook: """
                      network_storage:
                      ‸- {server_ip: 10.0.0.9, remote_mount: /export, local_mount: data, fs_type: nfs}

                """
        ).replacingOccurrences(of: "use: [network, homefs, datasets]", with: "use: [network, datasets]"),
        codes: [.constraintViolation]),
    InvalidCase(
        name: "workbench mounts two filesystems at one path",
        blueprint: workbenchBlueprint().replacingOccurrences(of: "local_mount: /data", with: "local_mount: /home")
            .replacingOccurrences(of: "use: [network, homefs, datasets]", with: "use: [network, homefs, ‸datasets]"),
        codes: [.conflictingMounts]),
    InvalidCase(
        name: "workbench mounts nested inside one another",
        blueprint: workbenchBlueprint().replacingOccurrences(of: "local_mount: /data", with: "local_mount: /home/data")
            .replacingOccurrences(of: "use: [network, homefs, datasets]", with: "use: [network, homefs, ‸datasets]"),
        codes: [.conflictingMounts]),
    InvalidCase(
        name: "workbench mount option with a space",
        blueprint: workbenchBlueprint(
            notebook: """
                      network_storage:
                      ‸- {server_ip: 10.0.0.9, remote_mount: /export, local_mount: /scratch, fs_type: nfs, \
                mount_options: "ro, hard"}

                """
        ).replacingOccurrences(of: "use: [network, homefs, datasets]", with: "use: [network, datasets]"),
        codes: [.unrepresentableValue]),
    InvalidCase(
        name: "workbench name too long after prefixing",
        blueprint: workbenchBlueprint().replacingOccurrences(
            of: "- id: workbench", with: "- id: ‸workbench_\(String(repeating: "x", count: 60))"),
        codes: [.invalidName]),
    InvalidCase(
        name: "explicit workbench name with an underscore",
        blueprint: workbenchBlueprint(notebook: "      name: ‸lab_notebook\n"), codes: [.invalidName]),
    InvalidCase(
        name: "workbench owner whose user name would be too long",
        blueprint: workbenchBlueprint().replacingOccurrences(
            of: "ada@example.com", with: "‸ada.lovelace@analytical-engines.example.com"),
        codes: [.invalidName],
        help:
            """
            a user name starts with a lowercase letter or '_', has at most 32 lowercase letters, digits, '_' or '-', \
            and is no system account; set owner_login to the owner's OS Login user name
            """
    ),
    InvalidCase(
        name: "workbench owner login that is a system account",
        blueprint: workbenchBlueprint(notebook: "      owner_login: ‸root\n"), codes: [.invalidName]),
    InvalidCase(
        name: "Managed Lustre throughput no tier offers",
        blueprint: lustreScratch("per_unit_storage_throughput: ‸300\nsize_gib: 36000"), codes: [.constraintViolation]),
    InvalidCase(
        name: "FSx capacity the deployment type does not offer",
        blueprint: awsBlueprint(fsx: "      storage_capacity: ‸3600\n"),
        codes: [.capacityOutOfRange], help: "the nearest sizes it offers: 2400 or 4800 GiB"),
    InvalidCase(
        name: "FSx SCRATCH_1 capacity",
        blueprint: awsBlueprint(
            fsx: "      deployment_type: SCRATCH_1\n      storage_capacity: ‸4800\n", throughput: nil),
        codes: [.capacityOutOfRange], help: "the nearest sizes it offers: 3600 or 7200 GiB"),
    InvalidCase(
        name: "FSx PERSISTENT_1 HDD capacity at 40 MB/s per TiB",
        blueprint: awsBlueprint(
            fsx: "      deployment_type: PERSISTENT_1\n      storage_type: HDD\n      storage_capacity: ‸6000\n",
            throughput: 40), codes: [.capacityOutOfRange]),
    InvalidCase(
        name: "FSx persistent type without throughput",
        blueprint: awsBlueprint(fsx: "", throughput: nil).replacingOccurrences(
            of: "- id: scratch", with: "- id: ‸scratch"),
        codes: [.fsxThroughput]),
    InvalidCase(
        name: "FSx scratch type with throughput",
        blueprint: awsBlueprint(fsx: "      deployment_type: SCRATCH_2\n", throughput: 250, marked: true),
        codes: [.fsxThroughput]),
    InvalidCase(
        name: "FSx throughput the type does not offer", blueprint: awsBlueprint(fsx: "", throughput: 200, marked: true),
        codes: [.fsxThroughput]),
    InvalidCase(
        name: "FSx backups on a scratch file system",
        blueprint: awsBlueprint(
            fsx: "      deployment_type: SCRATCH_2\n      automatic_backup_retention_days: ‸7\n", throughput: nil),
        codes: [.fsxBackups],
        help: "use deployment_type PERSISTENT_2 for backups, or set automatic_backup_retention_days: 0"),
    InvalidCase(
        name: "FSx backups on a file system linked to S3",
        blueprint: awsBlueprint(
            fsx:
                """
                      automatic_backup_retention_days: ‸7\n      data_repository_associations:\n      - \
                {file_system_path: /a, data_repository_path: s3://bucket-a}\n
                """), codes: [.fsxBackups]),
    InvalidCase(
        name: "FSx backup start time without backups",
        blueprint: awsBlueprint(
            fsx: "      automatic_backup_retention_days: 0\n      daily_automatic_backup_start_time: ‸\"03:00\"\n"),
        codes: [.fsxBackups]),
    InvalidCase(
        name: "FSx backup start time that is no time of day",
        blueprint: awsBlueprint(fsx: "      daily_automatic_backup_start_time: ‸\"24:00\"\n"),
        codes: [.constraintViolation]),
    InvalidCase(
        name: "FSx backup retention above 90 days",
        blueprint: awsBlueprint(fsx: "      automatic_backup_retention_days: ‸91\n"), codes: [.constraintViolation]),
    InvalidCase(
        name: "EFS backups asked of an existing file system",
        blueprint: awsBlueprint(fsx: "").replacingOccurrences(
            of: "      local_mount: /home\n",
            with:
                "      local_mount: /home\n      file_system_id: fs-0123456789abcdef0\n      automatic_backups: ‸true\n"
        ),
        codes: [.storageSettingsMismatch]),
    InvalidCase(
        name: "FSx HDD outside PERSISTENT_1", blueprint: awsBlueprint(fsx: "      storage_type: ‸HDD\n"),
        codes: [.fsxStorageType]),
    InvalidCase(
        name: "FSx PERSISTENT_2 on Lustre 2.10",
        blueprint: awsBlueprint(fsx: "      file_system_type_version: ‸\"2.10\"\n"), codes: [.fsxStorageType]),
    InvalidCase(
        name: "FSx data compression value", blueprint: awsBlueprint(fsx: "      data_compression_type: ‸GZIP\n"),
        codes: [.constraintViolation]),
    InvalidCase(
        name: "FSx data repository association on SCRATCH_1",
        blueprint: awsBlueprint(
            fsx:
                """
                      deployment_type: SCRATCH_1\n      data_repository_associations:\n      ‸- {file_system_path: /a, \
                data_repository_path: s3://bucket-a}\n
                """,
            throughput: nil),
        codes: [.dataRepositoryAssociation]),
    InvalidCase(
        name: "FSx data repository event outside NEW, CHANGED, DELETED",
        blueprint: awsBlueprint(
            fsx:
                """
                      data_repository_associations:\n      - {file_system_path: /a, data_repository_path: \
                s3://bucket-a, auto_export_events: [NEW, ‸MOVED]}\n
                """
        ),
        codes: [.dataRepositoryAssociation], help: "events are NEW, CHANGED, DELETED"),
    InvalidCase(
        name: "FSx data repository path not on S3",
        blueprint: awsBlueprint(
            fsx:
                """
                      data_repository_associations:\n      - {file_system_path: /a, data_repository_path: \
                ‸gs://bucket-a}\n
                """
        ), codes: [.dataRepositoryAssociation]),
    InvalidCase(
        name: "FSx directory linked twice",
        blueprint: awsBlueprint(
            fsx:
                """
                      data_repository_associations:\n      - {file_system_path: /a, data_repository_path: \
                s3://bucket-a}\n      - {file_system_path: ‸/a, data_repository_path: s3://bucket-b}\n
                """
        ),
        codes: [.dataRepositoryAssociation]),
    InvalidCase(
        name: "FSx more than 8 data repository associations",
        blueprint: awsBlueprint(
            fsx: "      data_repository_associations:\n"
                + (0..<9).map {
                    """
                          \($0 == 0 ? "‸" : "")- {file_system_path: /d\($0), data_repository_path: s3://bucket-\($0)}\n
                    """
                }.joined()),
        codes: [.constraintViolation]),
    InvalidCase(
        name: "AWS availability zone of another region",
        blueprint: awsBlueprint(fsx: "").replacingOccurrences(
            of: "availability_zones: [eu-west-1a, eu-west-1b]", with: "availability_zones: ‸[eu-west-1a, eu-central-1b]"
        ),
        codes: [.zoneNotInRegion]),
    InvalidCase(
        name: "AWS subnets that do not fit the VPC",
        blueprint: awsBlueprint(fsx: "").replacingOccurrences(
            of: "vpc_cidr: 10.20.0.0/16", with: "vpc_cidr: 10.20.0.0/24\n      private_subnet_new_bits: ‸8"),
        codes: [.invalidNetworkRange]),
    InvalidCase(
        name: "AWS peer VPC overlapping the VPC",
        blueprint: awsBlueprint(fsx: "").replacingOccurrences(
            of: "vpc_cidr: 10.20.0.0/16",
            with:
                """
                vpc_cidr: 10.20.0.0/16\n      peering: ‸{peer_vpc_id: vpc-0123456789abcdef0, peer_cidr: 10.20.128.0/17}
                """
        ),
        codes: [.invalidNetworkRange]),
    InvalidCase(
        name: "AWS gateway endpoint for a service without one",
        blueprint: awsBlueprint(fsx: "").replacingOccurrences(
            of: "vpc_cidr: 10.20.0.0/16", with: "vpc_cidr: 10.20.0.0/16\n      gateway_endpoints: ‸[s3, ec2]"),
        codes: [.constraintViolation],
        help: "gateway endpoints exist for dynamodb and s3; list 'ec2' under interface_endpoints"),
    InvalidCase(
        name: "EFS elastic throughput with maxIO",
        blueprint: awsBlueprint(fsx: "").replacingOccurrences(
            of: "      local_mount: /home\n", with: "      local_mount: /home\n      performance_mode: ‸maxIO\n"),
        codes: [.constraintViolation]),
    InvalidCase(
        name: "existing EFS with settings of a new one",
        blueprint: awsBlueprint(fsx: "").replacingOccurrences(
            of: "      local_mount: /home\n",
            with:
                """
                      local_mount: /home\n      file_system_id: fs-0123456789abcdef0\n      throughput_mode: \
                ‸bursting\n
                """
        ),
        codes: [.storageSettingsMismatch]),
    InvalidCase(
        name: "GCP and AWS modules in one group",
        blueprint: miniPlus(
            """
              - id: ‸home
                source: modules/file-system/efs
                settings:
                  file_system_id: fs-0123456789abcdef0
                  region: eu-west-1

            """), codes: [.mixedClouds]),
    InvalidCase(
        name: "accounting database with one subnet",
        blueprint: accountingBlueprint("private_subnet_ids: ‸[subnet-0123456789abcdef0]"), codes: [.accountingSubnets]),
    InvalidCase(
        name: "accounting database name starting with a digit",
        blueprint: accountingBlueprint("database_name: ‸1slurm"), codes: [.constraintViolation]),
    InvalidCase(
        name: "accounting database name outside ParallelCluster's rule",
        blueprint: accountingBlueprint("database_name: ‸Slurm-Acct"), codes: [.constraintViolation]),
    InvalidCase(
        name: "accounting user RDS keeps for itself", blueprint: accountingBlueprint("user_name: ‸rdsadmin"),
        codes: [.accountingDatabaseName]),
    InvalidCase(
        name: "accounting instance identifier longer than RDS allows",
        blueprint: accountingBlueprint("").replacingOccurrences(
            of: "  deployment_name: aws-mini\n",
            with: "  deployment_name: ‸\(String(repeating: "research-", count: 6))mini\n"),
        codes: [.accountingIdentifier]),
]

/// `awsBlueprint` with a Slurm accounting database `accounting` using the network; `setting` is
/// one more line of its settings.
func accountingBlueprint(_ setting: String) -> String {
    awsBlueprint(fsx: "") + """
          - id: accounting
            source: modules/database/slurm-accounting
            use: [network]
            settings:
              \(setting.isEmpty ? "multi_az: false" : setting)

        """
}

/// A private AWS VPC with an EFS home and an FSx for Lustre scratch; `fsx` adds settings to the
/// FSx module, `throughput` sets its per-unit throughput (marked with ‸ when `marked`).
func awsBlueprint(fsx: String, throughput: Int? = 250, marked: Bool = false) -> String {
    let throughputLine = throughput.map { "      per_unit_storage_throughput: \(marked ? "‸" : "")\($0)\n" } ?? ""
    return """
        blueprint_name: aws-mini
        vars:
          deployment_name: aws-mini
          region: eu-west-1
          availability_zones: [eu-west-1a, eu-west-1b]
        deployment_groups:
        - group: storage
          modules:
          - id: network
            source: modules/network/aws-vpc
            settings:
              vpc_cidr: 10.20.0.0/16
          - id: home
            source: modules/file-system/efs
            use: [network]
            settings:
              local_mount: /home
          - id: scratch
            source: modules/file-system/fsx-lustre
            use: [network]
            settings:
              local_mount: /fsx

        """ + throughputLine + fsx
}

/// A workbench on a Filestore home and a bucket, with extra settings for the bucket and the notebook.
func workbenchBlueprint(bucket: String = "", notebook: String = "") -> String {
    """
    blueprint_name: lab
    vars:
      project_id: demo-project
      deployment_name: lab
      region: us-central1
      zone: us-central1-a
    deployment_groups:
    - group: primary
      modules:
      - id: network
        source: modules/network/vpc
      - id: homefs
        source: modules/file-system/filestore
        use: [network]
        settings:
          local_mount: /home
      - id: datasets
        source: modules/file-system/cloud-storage-bucket
        settings:
          local_mount: /data
    \(bucket)  - id: workbench
        source: community/modules/compute/notebook
        use: [network, homefs, datasets]
        settings:
          instance_owner: ada@example.com
    \(notebook)
    """
}

@Suite("Invalid blueprints")
struct InvalidBlueprintTests {
    @Test(arguments: invalidCases.filter { $0.variables.isEmpty })
    func reportsCodeAtMarker(_ testCase: InvalidCase) {
        expectCodesAtMarkers(testCase)
    }
}

/// The case's blueprint gives exactly its error codes, at its `‸` markers, and no output.
func expectCodesAtMarkers(_ testCase: InvalidCase) {
    func order(_ a: String, _ b: String) -> Bool {
        let lhs = a.split(separator: " ")[0].split(separator: ":").compactMap { Int($0) }
        let rhs = b.split(separator: " ")[0].split(separator: ":").compactMap { Int($0) }
        return lhs.lexicographicallyPrecedes(rhs)
    }
    let marked = MarkedBlueprint(testCase.blueprint)
    let result = compile(marked.text, variables: testCase.variables)
    let errors = result.diagnostics.filter { $0.severity == .error }
    let expected = zip(marked.markers, testCase.codes).map { "\($0.line):\($0.column) \($1.rawValue)" }
    #expect(marked.markers.count == testCase.codes.count, "each expected code needs a ‸ marker")
    #expect(positions(errors) == expected.sorted(by: order))
    #expect(result.files.isEmpty)
    if let help = testCase.help {
        #expect(errors.first?.help == help)
    }
}
