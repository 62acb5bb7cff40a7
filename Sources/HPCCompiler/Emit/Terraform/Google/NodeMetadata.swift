import Foundation

/// The `hpcc-*` instance metadata the node boot script reads, plus the user's metadata.
enum NodeMetadata {
    enum Role: String {
        case controller, login, compute
    }

    static func metadata(
        role: Role, cluster: SlurmCluster, instance: InstanceProperties, mounts: [MountContract],
        userScript: TerraformText,
        timeout: Int, references: inout TerraformReferences
    ) -> [String: JSON] {
        var metadata: [String: JSON] = [:]
        for (key, value) in instance.metadata {
            metadata[key] = references.json(value)
        }
        metadata["enable-oslogin"] = .string(instance.osLogin ? "TRUE" : "FALSE")
        metadata["startup-script"] = .string("${file(\"${path.module}/../\(NodeBootScript.path)\")}")
        metadata["hpcc-role"] = .string(role.rawValue)
        metadata["hpcc-cluster"] = .string(cluster.name)
        metadata["hpcc-controller"] = .string(cluster.controllerHostName)
        if cluster.controller.backup != nil {
            metadata["hpcc-backup-controller"] = .string(cluster.backupControllerHostName)
        }
        metadata["hpcc-bucket"] = .string(cluster.bucket.url)
        metadata["hpcc-auth"] = .string(cluster.parameters.authentication.rawValue)
        metadata["hpcc-auth-secret"] = .string(AuthKeyResources.secretPath(cluster))  // issue 20
        metadata["hpcc-mounts"] = mountsJSON(mounts, references: &references)
        metadata["hpcc-user-script"] = references.json(userScript)
        metadata["hpcc-user-script-timeout"] = .string(String(timeout))
        return metadata
    }

    /// What a node mounts: the cluster's filesystems, then what the controller exports. The
    /// filesystem at StateSaveLocation is the controllers' alone: it holds every job's script and
    /// environment.
    static func nodeMounts(_ cluster: SlurmCluster, extra: [MountContract]) -> [MountContract] {
        cluster.mounts.filter { $0.localMount != SlurmPaths.stateSaveLocation } + extra
            + cluster.controllerExports.map { path in
                MountContract(
                    server: TerraformText(cluster.controllerHostName), remotePath: path, localMount: path, type: .nfs,
                    options: "defaults,hard,_netdev", provider: cluster.origin.module)
            }
    }

    /// The mount list as JSON text; built by Terraform's jsonencode when a server is known only at apply time.
    static func mountsJSON(_ mounts: [MountContract], references: inout TerraformReferences) -> JSON {
        let known = mounts.compactMap { mount -> JSON? in
            mount.server.known.map { server in
                .object([
                    "server": .string(server), "remote": .string(mount.remotePath), "local": .string(mount.localMount),
                    "type": .string(mount.type.rawValue), "options": .string(mount.options),
                ])
            }
        }
        if known.count == mounts.count {
            return .string(HCL.escapeTemplate(JSONWriter.compact(.array(known))))
        }
        let objects = mounts.map { mount in
            """
            {server = \(references.hcl(mount.server)), remote = \(HCL.quoted(mount.remotePath)), local = \
            \(HCL.quoted(mount.localMount)), type = \(HCL.quoted(mount.type.rawValue)), options = \
            \(HCL.quoted(mount.options))}
            """
        }
        return .string("${jsonencode([" + objects.joined(separator: ", ") + "])}")
    }
}
