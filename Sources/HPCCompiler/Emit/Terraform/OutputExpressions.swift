/// Module outputs as Terraform expressions over the resources hpcc emits for the module.
/// Outputs without a resource behind them fall back to their compile-time value.
enum OutputExpressions {
    static func expression(for module: ModuleID, output: String, path: [Accessor], index: DeploymentIndex) -> String? {
        let id = module.rawValue
        if let network = index.networks[module] {
            let subnet = "google_compute_subnetwork.\(TerraformNames.subnetwork(id, network.primarySubnetwork))"
            let base: String? = switch output {
            case "network_name": "google_compute_network.\(id).name"
            case "network_id": "google_compute_network.\(id).id"
            case "network_self_link": "google_compute_network.\(id).self_link"
            case "subnetwork_name": "\(subnet).name"
            case "subnetwork_self_link": "\(subnet).self_link"
            case "subnetwork_address": "\(subnet).ip_cidr_range"
            case "subnetwork": subnet
            case "subnetworks":
                "{" + network.subnetworks.map { "\(HCL.quoted("\($0.region)/\($0.name)")) = google_compute_subnetwork.\(TerraformNames.subnetwork(id, $0))" }.joined(separator: ", ") + "}"
            case "nat_ips":
                "[" + network.routers.flatMap { router in
                    (router.nat?.addressNames ?? []).indices.map { "google_compute_address.\(TerraformNames.natAddress(id, router.region, $0)).address" }
                }.joined(separator: ", ") + "]"
            default: nil
            }
            return base.map { $0 + HCL.access(path) }
        }
        if index.importedNetworks[module] != nil {
            return lookup(output, path, [
                "network_name": "data.google_compute_network.\(id).name",
                "network_id": "data.google_compute_network.\(id).id",
                "network_self_link": "data.google_compute_network.\(id).self_link",
                "subnetwork_name": "data.google_compute_subnetwork.\(id).name",
                "subnetwork_self_link": "data.google_compute_subnetwork.\(id).self_link",
                "subnetwork_address": "data.google_compute_subnetwork.\(id).ip_cidr_range",
                "subnetwork": "data.google_compute_subnetwork.\(id)",
            ])
        }
        if index.serviceAccounts[module] != nil {
            return lookup(output, path, [
                "service_account_email": "google_service_account.\(id).email",
                "service_account_iam_email": "google_service_account.\(id).member",
            ])
        }
        if index.topics[module] != nil {
            return lookup(output, path, ["topic_id": "google_pubsub_topic.\(id).id", "topic_name": "google_pubsub_topic.\(id).name"])
        }
        if let script = index.startupScripts[module], output == "startup_script" {
            // The script is a file of the deployment folder, beside the group folders.
            return "file(\"${path.module}/../\(script.path)\")" + HCL.access(path)
        }
        if index.accesses[module] != nil {
            let base: String? = switch output {
            case "private_vpc_connection_peering": "google_service_networking_connection.\(id).peering"
            case "reserved_ip_range": "google_compute_global_address.\(id).name"
            case "cidr_range": "\"${google_compute_global_address.\(id).address}/${google_compute_global_address.\(id).prefix_length}\""
            default: nil
            }
            return base.map { $0 + HCL.access(path) }
        }
        if let network = index.awsNetworks[module] {
            return AWSOutputExpressions.network(network, id: id, output: output, path: path)
        }
        if let filesystem = index.filesystems[module] {
            return filesystemExpression(filesystem, id: id, output: output, path: path)
        }
        if let database = index.accountingDatabases[module] {
            return AWSDatabaseResources.output(database, id: id, output: output, path: path)
        }
        if let cluster = index.parallelClusters[module] {
            return AWSParallelClusterResources.expression(cluster, output: output).map { $0 + HCL.access(path) }
        }
        if let grid = index.htcGrids[module] {
            return AWSHTCGridResources.output(grid, output: output).map { $0 + HCL.access(path) }
        }
        if index.workbenches[module] != nil, output == "proxy_uri" || output == "instance_name" {
            return "google_workbench_instance.\(id).\(output == "proxy_uri" ? "proxy_uri" : "name")" + HCL.access(path)
        }
        if index.clusters[module] != nil, output == "slurm_controller_instance" {
            let instance = "google_compute_instance.\(id)"
            return "{name = \(instance).name, zone = \(instance).zone, self_link = \(instance).self_link}" + HCL.access(path)
        }
        return nil
    }

    /// The expression `table` gives for `output`, with `path` applied.
    private static func lookup(_ output: String, _ path: [Accessor], _ table: [String: String]) -> String? {
        table[output].map { $0 + HCL.access(path) }
    }

    private static func filesystemExpression(_ filesystem: SharedFilesystem, id: String, output: String, path: [Accessor]) -> String? {
        let server: String
        let resource: String
        var remote = HCL.quoted(filesystem.mount.remotePath)
        switch filesystem.backing {
        case .imported:
            // Nothing stands behind it: every field is the contract's compile-time value.
            return nil
        case .filestore:
            resource = "google_filestore_instance.\(id)"
            server = "\(resource).networks[0].ip_addresses[0]"
            if output == "filestore_id" { return "\(resource).id" }
            if output == "capacity_gib" { return "\(resource).file_shares[0].capacity_gb" }
        case .managedLustre:
            resource = "google_lustre_instance.\(id)"
            server = "split(\":\", \(resource).mount_point)[0]"
            if output == "lustre_id" { return "\(resource).id" }
            if output == "capacity_gib" { return "\(resource).capacity_gib" }
        case let .efs(efs):
            guard efs.created != nil else { return nil }
            resource = "aws_efs_file_system.\(id)"
            server = "\(resource).dns_name"
            if output == "efs_id" { return "\(resource).id" }
        case .fsxLustre:
            resource = "aws_fsx_lustre_file_system.\(id)"
            server = "\"${\(resource).dns_name}@tcp\""
            remote = "\"/${\(resource).mount_name}\""
            if output == "fsx_id" { return "\(resource).id" }
        case .cloudStorage:
            resource = "google_storage_bucket.\(id)"
            server = HCL.quoted("")
            if output == "gcs_bucket_name" { return "\(resource).name" }
            if output == "gcs_bucket_path" { return "\"gs://${\(resource).name}\"" }
        }
        guard output == "network_storage" else { return nil }
        let mount = filesystem.mount
        let fields = [
            ("server_ip", server), ("remote_mount", remote), ("local_mount", HCL.quoted(mount.localMount)),
            ("fs_type", HCL.quoted(mount.type.rawValue)), ("mount_options", HCL.quoted(mount.options)),
        ]
        return object(fields, path: path)
    }

    /// An object output from its fields' expressions: the one field `path` starts with, or the
    /// whole object constructor.
    static func object(_ fields: [(String, String)], path: [Accessor]) -> String {
        if case let .key(field)? = path.first, let match = fields.first(where: { $0.0 == field }) {
            return match.1 + HCL.access(Array(path.dropFirst()))
        }
        return "{" + fields.map { "\($0.0) = \($0.1)" }.joined(separator: ", ") + "}" + HCL.access(path)
    }
}

/// Terraform resource names hpcc uses, derived from module ids.
enum TerraformNames {
    static func subnetwork(_ module: String, _ subnet: Subnetwork) -> String { "\(module)_\(subnet.name)" }
    static func router(_ module: String, _ region: String) -> String { "\(module)_\(region)" }
    static func natAddress(_ module: String, _ region: String, _ index: Int) -> String { "\(module)_\(region)_\(index)" }
    static func firewall(_ module: String, _ rule: FirewallRule) -> String { "\(module)_\(rule.name)" }
    static func loginInstance(_ module: String, _ index: Int) -> String { "\(module)_\(index)" }
    static func staticNode(_ module: String, _ index: Int) -> String { "\(module)_\(index)" }
    /// `roles/compute.instanceAdmin.v1` → `<module>_compute_instanceAdmin_v1`.
    static func roleBinding(_ module: String, _ role: String) -> String {
        let name = role.hasPrefix("roles/") ? String(role.dropFirst(6)) : role
        return module + "_" + String(String.UnicodeScalarView(name.unicodeScalars.map { NameRules.isWord($0) || $0 == "-" ? $0 : "_" }))
    }
}
