// Explanations of the 3xxx (semantic rule) codes.

extension DiagnosticCode {
    static let ruleExplanations: [DiagnosticCode: RuleExplanation] = [
        .unknownVariable: RuleExplanation(
            """
            `$(vars.NAME)` names a deployment variable that `vars` does not define (and no `--vars` adds). The help \
            names the nearest variable.
            """,
            example: "vars:\n  region: us-central1\n...\n  settings:\n    region: $(vars.regoin)",
            fix: "Use the variable's name, or define it under `vars`."),
        .variableCycle: RuleExplanation(
            "Deployment variables reference each other in a cycle, so none of them has a value.",
            example: "vars:\n  a: $(vars.b)-x\n  b: $(vars.a)-y",
            fix: "Give one variable in the cycle a literal value."),
        .unknownModule: RuleExplanation(
            "A `use` entry or a `$(MODULE.OUTPUT)` reference names a module id that no module has.",
            example: "- id: homefs\n  source: modules/file-system/filestore\n  use: [netwrk]",
            fix: "Use the id of a module of this blueprint (the help suggests one)."),
        .unknownOutput: RuleExplanation(
            """
            A reference or an `outputs:` entry names an output the module does not have, so there is no value to pass \
            on; the help names the nearest output.
            """,
            example: "settings:\n  network_storage: $(homefs.network_storag)",
            fix: "Use one of the module's outputs (`hpcc modules <source>` lists them)."),
        .laterGroupReference: RuleExplanation(
            """
            A module uses or references a module of a later deployment group. Groups are applied in order, so the \
            later group's outputs do not exist yet when this one is applied.
            """,
            example:
                """
                - group: cluster\n  modules:\n  - id: ctl\n    use: [homefs]   # homefs is in the group after this one
                """,
            fix: "Move the used module to this group or an earlier one."),
        .variableReferencesModule: RuleExplanation(
            """
            A deployment variable refers to a module output. Variables are known before any module, so a module output \
            cannot flow into one.
            """,
            example: "vars:\n  home: $(homefs.network_storage)",
            fix: "Reference the output in the setting that needs it."),
        .expressionNotAllowed: RuleExplanation(
            """
            An expression where the blueprint language takes only literal values: `blueprint_name`, group names, \
            module ids and sources, `use` entries, backend settings.
            """,
            example: "blueprint_name: $(vars.name)",
            fix: "Write the value literally."),
        .useWiresNothing: RuleExplanation(
            """
            A `use` entry whose module has no output that matches an input of the using module by name, and which no \
            setting references: the entry does nothing, which usually means the wrong module was named.
            """,
            example: "- id: homefs\n  source: modules/file-system/filestore\n  use: [compute_partition]",
            fix: "Use the module whose outputs this module takes, or remove the entry."),
        .moduleNotUsed: RuleExplanation(
            """
            A module that produces nothing on its own (a nodeset, a partition, a login group) is not used by any \
            module that turns it into resources (a partition, a controller), or only by modules that do not: a login \
            group that no controller takes through `use` or its `login_nodes` setting would create no login node.
            """,
            example:
                """
                - id: debug_nodeset\n  source: community/modules/compute/schedmd-slurm-gcp-v6-nodeset\n  use: \
                [network]\n# no partition uses debug_nodeset
                """,
            fix: """
                Add it to the `use` of the module that should include it (or, for a controller, read its whole output: \
                `login_nodes: $(login.login_nodes)`), or remove it.
                """),
        .moduleCycle: RuleExplanation(
            "Modules use or reference each other in a cycle, so there is no order to build them in.",
            example: "- id: a\n  use: [b]\n- id: b\n  use: [a]",
            fix: "Break the cycle: one of the modules must not depend on the other."),
        .unknownMachineType: RuleExplanation(
            """
            A machine or instance type that is not in hpcc's catalog of the cloud's predefined types. hpcc derives \
            CPUs, memory and GPUs for Slurm from the type, so it must know it; the help names near matches.
            """,
            example: "settings:\n  machine_type: c2-standrad-60",
            fix: "Use a predefined type of the family (the help lists near names)."),
        .instanceTypeNotInZone: RuleExplanation(
            """
            A machine or instance type, or a GPU attached to it, is put into a zone that does not offer it. On Google \
            Cloud: a Slurm nodeset (in `zone` or any of `zones`), login node, controller or notebook, judged by the \
            per-zone listing in hpcc's catalog (families newer than the listing, such as C4 and H4D, are not judged). \
            On AWS: a ParallelCluster head node or queue, or an HTC grid's EKS worker group, by the per-zone \
            offerings moto records for 30 regions. The cloud refuses such an instance only once the deployment is \
            being made. A zone or region the data does not cover is not checked (docs/catalogs.md).
            """,
            example:
                """
                availability_zones: [eu-west-1a, eu-west-1b]\n...\n  - name: mpi\n    compute_resources:\n    - \
                instance_type: hpc7a.96xlarge   # offered in eu-west-1b only
                """,
            fix: """
                Put it in a zone the message lists (on AWS, the head node and queues without multi_az use the first of \
                the aws-vpc module's availability_zones), or choose a type the zone offers.
                """),
        .staticNodesInExclusivePartition: RuleExplanation(
            """
            An exclusive partition holds static nodes. Exclusive partitions give each job fresh nodes and delete them \
            after; static nodes are never deleted, so the two contradict each other.
            """,
            example:
                """
                - id: nodeset\n  settings:\n    node_count_static: 2\n- id: partition\n  settings:\n    exclusive: true
                """,
            fix: "Set `exclusive: false`, or make the nodes dynamic (`node_count_static: 0`)."),
        .partitionWithoutNodesets: RuleExplanation(
            """
            A partition (or an existing cluster's partition) has no nodeset or node group, so Slurm would have no node \
            to run its jobs on; a cluster without partitions is reported the same way.
            """,
            example:
                """
                - id: partition\n  source: community/modules/compute/schedmd-slurm-gcp-v6-partition\n  settings:\n    \
                partition_name: batch
                """,
            fix: "`use` a nodeset (or list node groups)."),
        .duplicateSlurmName: RuleExplanation(
            """
            Two partitions, nodesets, node groups or login groups of one cluster share a name. Slurm's configuration \
            and the host names come from these names, so the second would silently replace the first.
            """,
            example: "partitions:\n- name: batch\n  node_groups: [compute]\n- name: batch\n  node_groups: [gpu]",
            fix: "Give each a unique name."),
        .defaultPartitionCount: RuleExplanation(
            """
            A cluster has more than one default partition (`Default=YES`), where jobs go that name no partition: \
            Slurm would take the last one it reads, so all but one are ignored.
            """,
            example: "- name: batch\n  default: true\n- name: gpu\n  default: true",
            fix: "Set `default: true` (`is_default`) on one partition only."),
        .noDefaultPartition: RuleExplanation(
            """
            A cluster has several partitions and none is the default. That is valid Slurm, and some clusters mean \
            it (every job script names its partition), but a job submitted without `-p` is refused with "No \
            partition specified or system default partition".
            """,
            example: "- name: batch\n- name: gpu",
            fix: """
                Set `default: true` (`is_default`) on the partition jobs should go to when they name none, or add \
                HPC3066 to `ignore` if every job names its partition.
                """),
        .invalidNetworkRange: RuleExplanation(
            """
            An address range is not a valid CIDR block (bad prefix, host bits set) or overlaps another range of the \
            same network (subnetworks, secondary ranges, VPC and peer ranges).
            """,
            example: "settings:\n  subnetwork_ip_range: 10.0.0.0/33",
            fix: "Use a valid, non-overlapping CIDR block."),
        .notKnownAtCompileTime: RuleExplanation(
            """
            A setting hpcc must know when it compiles (it shapes names, Slurm's configuration or the resources \
            themselves) is given a value Terraform only knows when it applies, such as a resource id from another \
            module.
            """,
            example: "settings:\n  machine_type: $(some_module.machine)",
            fix: "Give a literal or a deployment variable."),
        .zoneNotInRegion: RuleExplanation(
            """
            A zone does not belong to the deployment's region, so the resources would be created somewhere the \
            region's network does not reach.
            """,
            example: "vars:\n  region: us-central1\n  zone: europe-west4-a",
            fix: "Choose a zone of the region (`<region>-a`, `-b`, ...)."),
        .unusedVariable: RuleExplanation(
            """
            A deployment variable that no setting and no other variable uses. It is harmless, but often a misspelling \
            of the variable a setting should have taken. It is the finding of the validator \
            `test_deployment_variable_not_used`: an error under `validation_level: ERROR` (the default), a warning \
            under `WARNING`. A variable that a setting names is used even when that setting has an error of its own, \
            and while a module's source is unknown no variable is judged unused (such a module may take any variable \
            by name). With `--vars`, a variable the blueprint does not declare is judged the same way; `hpcc validate` \
            with several blueprints reports one only when none of them uses it.
            """,
            example: "vars:\n  projet_id: demo",
            fix:
                """
                Remove it or rename it. To keep it, add HPC3019 to `ignore` (which skips this check for the blueprint, \
                at either validation level), or give the validator `skip: true`.
                """
        ),
        .validatorNeedsCloud: RuleExplanation(
            """
            A Cluster Toolkit validator that calls cloud APIs (for example `test_project_exists`). hpcc works offline \
            and skips it, saying so rather than pretending it passed.
            """,
            example: "validators:\n- validator: test_project_exists\n  inputs: {project_id: $(vars.project_id)}",
            fix: "Nothing to fix; run the check where the cloud is reachable, or `ignore` the code."),
        .conflictingMounts: RuleExplanation(
            """
            Two filesystems mount at the same path (or one inside another) on the same nodes, so one would hide the \
            other.
            """,
            example: "- id: homefs\n  settings: {local_mount: /home}\n- id: scratch\n  settings: {local_mount: /home}",
            fix: "Give each filesystem its own, non-nested mount point."),
        .hostnameTooLong: RuleExplanation(
            """
            A host name hpcc generates (`<cluster>-<nodeset>-<n>`, `<cluster>-<login>-<n>`) would be longer than the \
            63 characters DNS and Compute Engine allow.
            """,
            example:
                """
                settings:\n  slurm_cluster_name: averyveryverylongclustername\n...\n  name: \
                averyveryverylongnodesetnamethatgoesonandon
                """,
            fix: "Shorten the cluster or nodeset name."),
        .acceleratorMismatch: RuleExplanation(
            """
            GPUs that do not fit the machine type: attached GPUs on a family that has its own (A2, A3, G2), a count or \
            model N1 does not support, or more vCPUs than that GPU count allows.
            """,
            example:
                "settings:\n  machine_type: n1-standard-96\n  guest_accelerator: [{type: nvidia-tesla-t4, count: 1}]",
            fix: "Use a count and machine size the GPU model supports, or a family with built-in GPUs."),
        .unsupportedFunction: RuleExplanation(
            """
            A `$(...)` expression calls a function hpcc does not evaluate at compile time; hpcc computes blueprint \
            expressions itself and knows only its own small set of operations.
            """,
            example: "settings:\n  name: $(upper(vars.name))",
            fix: "Compute the value in a variable, or use a `((...))` Terraform expression where the setting allows it."
        ),
        .capacityOutOfRange: RuleExplanation(
            """
            A filesystem capacity the service does not offer for the chosen tier: below the minimum, above the \
            maximum, or not a multiple of the tier's step. The help names the nearest valid sizes.
            """,
            example:
                """
                - id: homefs\n  source: modules/file-system/filestore\n  settings:\n    filestore_tier: BASIC_SSD\n    \
                size_gb: 1024
                """,
            fix: "Choose a size the help names, or another tier."),
        .sharedByControllers: RuleExplanation(
            "A partition or login group is used by two controllers; its nodes can belong to one cluster only.",
            example: "- id: ctl_a\n  use: [compute_partition]\n- id: ctl_b\n  use: [compute_partition]",
            fix: "Give each controller its own partitions."),
        .diskTypeUnsupported: RuleExplanation(
            """
            A boot or extra disk type the machine family cannot attach (for example pd-standard on C3, hyperdisk on \
            N1).
            """,
            example: "settings:\n  machine_type: c3-standard-8\n  disk_type: pd-standard",
            fix: "Use a disk type the family supports (the message lists them)."),
        .storageSettingsMismatch: RuleExplanation(
            """
            Settings of imported storage that do not fit its `fs_type`: an NFS or Lustre export without a server, a \
            gcsfuse bucket with one, a malformed export path, Lustre filesystem or bucket name.
            """,
            example:
                """
                - id: data\n  source: modules/file-system/pre-existing-network-storage\n  settings:\n    fs_type: \
                nfs\n    remote_mount: /export
                """,
            fix: "Give the server (and path) the filesystem type needs."),
        .invalidStartupRunner: RuleExplanation(
            """
            A startup-script runner with an unknown `type`, neither or both of `content` and `source`, a destination \
            that is not a relative file name, or `args` on a runner that takes none.
            """,
            example: "runners:\n- type: shell\n  destination: setup.sh",
            fix: "Give exactly one of content and source, a known type and a plain destination."),
        .invalidJobScript: RuleExplanation(
            """
            Each entry of `prolog_scripts`, `epilog_scripts`, `task_prolog_scripts` and `task_epilog_scripts` is a \
            file in a folder on every node, run by slurmd directly. Its `filename` must be a plain name (letters, \
            digits, '.', '_', '-'; no '/', no leading '.'), used once per list; exactly one of `content` and `source` \
            gives its text, which must start with an interpreter line (`#!`).
            """,
            example: "prolog_scripts:\n- filename: ../evil\n  content: \"echo hi\"",
            fix: "Use a plain, unique file name and begin the script with `#!/bin/bash`."),
        .workbenchIdentity: RuleExplanation(
            """
            A workbench that mounts a shared home folder runs JupyterLab as its owner's OS Login user, the same \
            account (name, UID, GID) the owner has on OS Login clusters, so files keep one owner everywhere. Without \
            `instance_owner` JupyterLab runs as the image's local `jupyter` user, whose UID belongs to nobody on the \
            cluster and may belong to somebody else there.
            """,
            example: "- id: workbench\n  source: community/modules/compute/notebook\n  use: [homefs]",
            fix: "Set `instance_owner` (and `owner_login` when the OS Login name differs), or mount no shared home."),
        .authKeyAccess: RuleExplanation(
            """
            Every node of a Slurm cluster on Google Cloud (controller, login nodes, nodesets) reads the cluster's \
            MUNGE or `auth/slurm` key from Secret Manager with its service account's token. Secret Manager accepts \
            only tokens with the `cloud-platform` scope, so nodes whose `service_account_scopes` leave it out could \
            never join the cluster.
            """,
            example: "service_account_scopes:\n- https://www.googleapis.com/auth/devstorage.read_only",
            fix: "Add https://www.googleapis.com/auth/cloud-platform and limit access with IAM roles instead."),
        .fsxThroughput: RuleExplanation(
            """
            FSx for Lustre's per-unit storage throughput must be set for PERSISTENT deployments, left out for SCRATCH \
            ones, and be one of the values AWS offers for the deployment and storage type (for example 125, 250, 500, \
            1000 MB/s/TiB for PERSISTENT_2 SSD).
            """,
            example: "settings:\n  deployment_type: PERSISTENT_2\n  per_unit_storage_throughput: 300",
            fix: "Use a value the message lists."),
        .fsxStorageType: RuleExplanation(
            """
            A storage type or Lustre version the deployment type does not offer (HDD only with PERSISTENT_1, Lustre \
            2.10 not with PERSISTENT_2).
            """,
            example: "settings:\n  deployment_type: SCRATCH_2\n  storage_type: HDD",
            fix: "Choose a combination AWS offers."),
        .dataRepositoryAssociation: RuleExplanation(
            """
            An S3 data repository association the file system cannot have: SCRATCH_1 or Lustre 2.10 (no associations), \
            a file system path used twice, an event outside NEW, CHANGED and DELETED, a data repository path that is \
            not `s3://`, more than eight associations.
            """,
            example: "data_repository_associations:\n- file_system_path: /data\n  data_repository_path: bucket/data",
            fix: "Use s3:// paths, distinct file system paths and a deployment type that supports associations."),
        .mixedClouds: RuleExplanation(
            """
            A deployment group is one Terraform root with one set of providers: GCP and AWS modules cannot share it, \
            nor AWS modules of two regions, and a GCP node cannot mount an AWS filesystem.
            """,
            example:
                """
                - group: primary\n  modules:\n  - {id: net, source: modules/network/vpc}\n  - {id: efs, source: \
                modules/file-system/efs}
                """,
            fix: "Put each cloud (and AWS region) in its own group."),
        .accountingSubnets: RuleExplanation(
            """
            RDS needs a DB subnet group spanning at least two availability zones, even for a single-AZ instance; an \
            accounting database given one subnet cannot be created.
            """,
            example:
                """
                - id: accounting\n  source: modules/database/slurm-accounting\n  settings:\n    subnet_ids: \
                [subnet-0a1b]
                """,
            fix: "Give the VPC (or the setting) subnets in two availability zones."),
        .accountingDatabaseName: RuleExplanation(
            """
            The master user name is one RDS for MariaDB reserves for itself (`admin`, `rdsadmin`, `root`, ...), so the \
            instance could not be created.
            """,
            example: "settings:\n  user_name: rdsadmin",
            fix: "Choose another user name."),
        .accountingIdentifier: RuleExplanation(
            """
            The RDS instance identifier hpcc derives from `deployment_name` and the module id is longer than the 63 \
            characters RDS allows.
            """,
            example: "vars:\n  deployment_name: research-project-with-an-extremely-long-descriptive-name",
            fix: "Shorten the deployment name or the module id."),
        .invalidHostList: RuleExplanation(
            """
            A host list that is not Slurm's notation: names and bracketed ranges (`cn[001-200]`, \
            `gpu[01-04,07],login1`). Ranges must run forwards and hold numbers; a cluster naming more than 200,000 \
            hosts in all its lists is refused (the largest machines have about 160,000 nodes).
            """,
            example: "node_groups:\n- name: compute\n  hostnames: cn[200-001]",
            fix: "Write the range forwards, e.g. `cn[001-200]`."),
        .overlappingHosts: RuleExplanation(
            """
            A host is named twice, by one node group's host list or by two node groups. In Slurm a node has one \
            definition; put a node in several partitions instead of several groups.
            """,
            example:
                "node_groups:\n- {name: compute, hostnames: \"cn[01-10]\"}\n- {name: bigmem, hostnames: \"cn[09-12]\"}",
            fix: "Make the host lists disjoint."),
        .unknownNodeGroup: RuleExplanation(
            """
            An existing cluster's partition names a node group the cluster does not define, so slurm.conf would name \
            nodes that do not exist.
            """,
            example: "partitions:\n- name: batch\n  node_groups: [comptue]",
            fix: "Use a node group's name (the help suggests one)."),
        .nodeHardware: RuleExplanation(
            """
            A node group's memory or clock is not written in HPCStats' units (`24GB`, `512MB`, `1TB`; `2.93GHz`, \
            `2930MHz`), or `real_memory` (what Slurm may schedule) exceeds the physical memory.
            """,
            example: "node_groups:\n- name: compute\n  memory: 24 GB\n  frequency: fast",
            fix: "Write `24GB` and `2.93GHz`; keep real_memory at or below memory."),
        .portRange: RuleExplanation(
            """
            bwVisu forwards a job's ports from a keyhole range: it must lie within 1024-65535 and run forwards, hold \
            at least one block per gateway as wide as `max_forwarders_per_job`, and not overlap another bwVisu \
            module's block on a shared gateway; `reserved_ports` entries must be ports or ranges.
            """,
            example: "settings:\n  port_range: {min: 80, max: 1000}",
            fix: "Use an unprivileged range wide enough for the gateways, e.g. 50000-60000."),
        .portCollision: RuleExplanation(
            """
            The keyhole range must be free on the gateways (where iptables forwards it) and on the visualization \
            partition's nodes (where forwarded ports end). hpcc refuses a range that holds a port of a service it \
            knows runs there: a gateway's SSH, slurmd, slurmctld, slurmdbd or MariaDB on those hosts, keyholed or etcd \
            on those addresses, or a `reserved_ports` entry.
            """,
            example: "settings:\n  port_range: {min: 50000, max: 59999}\n  reserved_ports: [\"51000\"]",
            fix: "Move the range (or the service)."),
        .gatewayAddress: RuleExplanation(
            """
            A bwVisu gateway needs an external address, since users connect to forwarded ports there; two gateways on \
            the same host or address would forward the same ports twice.
            """,
            example: "gateway_nodes:\n- host: gw1\n  internal_address: 10.0.0.1",
            fix: "Set `external_address`, and list each gateway once."),
        .unknownPartition: RuleExplanation(
            "A module names a partition (bwVisu's visualization partition) that the used cluster does not have.",
            example: "settings:\n  partition: viz",
            fix: "Use one of the cluster's partitions (the help suggests one)."),
        .unsupportedCluster: RuleExplanation(
            """
            A module used with a cluster it cannot describe (bwVisu needs an existing cluster; HPCStats a Slurm \
            cluster), a cluster name no module defines, or an hpcstats override entry naming a cluster it does not \
            describe.
            """,
            example: "- id: visu\n  source: modules/remote-desktop/bwvisu\n  settings:\n    slurm_cluster_name: other",
            fix: "`use` the cluster's module, or fix the name."),
        .statsHardware: RuleExplanation(
            """
            HPCStats' architecture file needs each node group's CPU model, clock and FLOPs per cycle. An existing node \
            group without them, a cloud machine family whose CPU platform varies (n1, n2, n2d, e2) without \
            `min_cpu_platform` naming the newest, or a `node_hardware` entry for a nodeset the cluster lacks is \
            reported.
            """,
            example: "- id: nodeset\n  settings:\n    machine_type: n2-standard-8    # Cascade Lake or Ice Lake?",
            fix: "Set the hardware on the node group, `min_cpu_platform` on the nodeset, or a `node_hardware` entry."),
        .statsAccounting: RuleExplanation(
            """
            HPCStats imports jobs and events from a cluster's Slurm accounting database, so a cluster without one \
            cannot be described; and a deployment has one HPCStats database and configuration, so one hpcstats module.
            """,
            example:
                "- id: stats\n  source: modules/monitoring/hpcstats\n  use: [cluster]     # cluster has no accounting",
            fix: "Give the cluster accounting, or an `accounting_databases` entry for it."),
        .restAPIKeys: RuleExplanation(
            """
            slurmctld checks every REST API token against the identity provider's JWKS (RS256; it finds the key by the \
            token's `kid`). The blueprint names the keys once: `jwks_url`, an https URL the controller fetches when it \
            boots, or `jwks`, the key set itself. A JWKS in the blueprint is written to the output and installed on \
            the controller, so it must hold public keys only: a member `d`, `p`, `q`, `dp`, `dq`, `qi`, `oth` (RSA) \
            or `k` (a shared secret) would publish the key that signs tokens, and anyone holding it could act as any \
            user of the cluster.
            """,
            example:
                "rest_api:\n  allowed_clients: [10.20.0.4/32]\n  jwks: {keys: [{kty: RSA, kid: k1, e: AQAB, d: x}]}",
            fix: "Keep kty, kid, n, e (use, alg) of each key, or point jwks_url at the provider's certs endpoint."),
        .restAPIService: RuleExplanation(
            """
            slurmrestd submits and cancels jobs for whoever holds a valid token: hpcc admits only the clients \
            `allowed_clients` lists to its port, so at least one must be listed, and not one wider than a /8 of public \
            addresses. slurmrestd refuses to run as root or as SlurmUser; `user` names the unprivileged account it \
            runs as. On a ParallelCluster head node the port cannot be one of Slurm's (6817-6829), the address must \
            be one the head node has whatever address EC2 gives it (null for its host name, 0.0.0.0 or 127.0.0.1), \
            ParallelCluster's Slurm 25.11 has no versioned OpenAPI plugins, and the security group needs `vpc_id`.
            """,
            example: "rest_api:\n  allowed_clients: [0.0.0.0/0]\n  user: root",
            fix: "List the service's addresses (10.20.0.4/32) and keep the default user, slurmrestd."),
        .sshFromInternet: RuleExplanation(
            """
            hpcc never opens SSH to the internet by itself: Google VPCs admit it from Identity-Aware Proxy's range and \
            the ranges you list, a ParallelCluster head node from the VPC's own range or `allowed_ssh_cidr`. When a \
            blueprint lists 0.0.0.0/0 (or any public range wider than a /8) for TCP 22, the rule is emitted as asked \
            and this warning says so: such hosts see password-guessing and exploit traffic within minutes. Ranges \
            inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 and 100.64.0.0/10 are not warned about.
            """,
            example:
                "- id: network\n  source: modules/network/vpc\n  settings:\n    allowed_ssh_ip_ranges: [0.0.0.0/0]",
            fix:
                """
                List the ranges your users connect from, use Identity-Aware Proxy (`enable_iap`), or a bastion; add \
                the code to `ignore:` if the exposure is intended.
                """
        ),
        .passwordInBlueprint: RuleExplanation(
            """
            A database password given in the blueprint (`sql_password`, or a literal `password` in the controller's \
            `cloudsql`) would be copied into the expanded blueprint, the Terraform JSON and the Terraform state, where \
            everyone who can read them learns it. hpcc's Cloud SQL module has Terraform make the password during \
            `apply` and keep it only in Secret Manager; the controller reads it from there at boot.
            """,
            example:
                "cloudsql:\n  server_ip: 10.0.0.5\n  user: slurm\n  password: hunter2\n  db_name: slurm_accounting",
            fix:
                """
                Remove the password; give the controller `cloudsql: $(slurm_db.cloudsql)` from a \
                slurm-cloudsql-federation module, whose `password` names the secret.
                """),
        .cloudSQLSettings: RuleExplanation(
            """
            Settings of the Cloud SQL module that ask for something the instance cannot do: the data cache exists only \
            in the Enterprise Plus edition, and authorized networks filter connections to the private address of \
            private services access, not to a Private Service Connect endpoint.
            """,
            example: "settings:\n  edition: ENTERPRISE\n  data_cache_enabled: true",
            fix: "Choose the edition that has the feature, or leave the setting out."),
        .unconfirmedSlurmImage: RuleExplanation(
            """
            Slurm nodes, login nodes and the controller boot into what SchedMD's slurm-gcp images (project \
            `schedmd-slurm-public`) install: Slurm and MUNGE with their `slurm` and `munge` users, laid out as \
            slurm-gcp lays them out (`/usr/local/etc/slurm`, `/var/log/slurm`, ...), which hpcc's startup scripts \
            configure. An image from another project may lack them, and then the instances boot but never join the \
            cluster. hpcc cannot look into the image, so it warns unless `instance_image_custom: true` says the image \
            was built on slurm-gcp (with its Packer recipes, say).
            """,
            example:
                """
                - id: nodeset\n  source: community/modules/compute/schedmd-slurm-gcp-v6-nodeset\n  settings:\n    \
                instance_image: {project: my-project, family: my-hpc-image}
                """,
            fix:
                """
                Build the image from slurm-gcp and set `instance_image_custom: true` on the module, or use an image \
                family of `schedmd-slurm-public`.
                """
        ),
        .kmsKeyLocation: RuleExplanation(
            """
            A customer-managed key (Cloud KMS) is kept in one location, and a key ring in a region serves only \
            resources of that region: a disk, bucket or Filestore share elsewhere cannot be created with it, and \
            `terraform apply` fails after the rest of the deployment is half built. hpcc compares the key's location \
            with the resource's region when both are regions; it leaves `global` and multi-region key rings to the \
            service.
            """,
            example:
                """
                vars:\n  region: us-central1\n  kms_key: \
                projects/keys/locations/europe-west4/keyRings/hpc/cryptoKeys/disks
                """,
            fix: "Use a key from a key ring in the resource's region, or deploy the resource where the key is."
        ),
    ]
}
