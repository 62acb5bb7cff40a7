/// What every filesystem module does once its instance is built: publish the mount contract
/// and the outputs known at compile time. The server of a filesystem hpcc creates is known only
/// after apply (read from the module's `network_storage` output); an imported one names it.
enum SharedFilesystemLowering {
    static func register(
        _ settings: SettingReader, backing: FilesystemBacking, server: TerraformText? = nil, remotePath: String, localMount: String, type: FilesystemType,
        outputs: [String: Value], into context: LoweringContext, diagnostics: inout Diagnostics
    ) -> SharedFilesystem {
        let created = TerraformText(parts: [.reference(ModuleReference(module: settings.id, output: "network_storage", path: [.key("server_ip")], known: nil))])
        let mount = MountContract(
            server: server ?? created, remotePath: remotePath, localMount: localMount, type: type,
            options: settings.string("mount_options", diagnostics: &diagnostics) ?? "defaults,_netdev", provider: settings.id
        )
        let filesystem = SharedFilesystem(origin: settings.origin(diagnostics: &diagnostics), mount: mount, backing: backing)
        context.deployment.filesystems.append(filesystem)
        var known = outputs
        if let server = mount.server.known {
            known["network_storage"] = .map([
                "server_ip": .string(server), "remote_mount": .string(remotePath), "local_mount": .string(localMount),
                "fs_type": .string(type.rawValue), "mount_options": .string(mount.options),
            ])
        }
        context.knownOutputs[settings.id] = known
        return filesystem
    }
}

/// How AWS filesystem lowerings read who creates the filesystem and the network Terraform needs for it.
extension SettingReader {
    /// The `managed_by` setting.
    func creator(diagnostics: inout Diagnostics) -> FilesystemCreator? {
        string("managed_by", diagnostics: &diagnostics).flatMap(FilesystemCreator.init(rawValue:))
    }

    /// Reports the network settings a filesystem Terraform creates cannot do without; true when all are set.
    func requireNetwork(_ names: [String], diagnostics: inout Diagnostics) -> Bool {
        let missing = names.filter { value($0).isNull }
        guard !missing.isEmpty else { return true }
        diagnostics.report(.missingSetting, "module '\(id)' creates a file system and needs \(missing.map { "'\($0)'" }.joined(separator: ", "))",
                           at: module.declaration.id.location, help: "add `use: [<your aws-vpc module>]`, or set `managed_by: parallelcluster` to let the cluster create it")
        return false
    }
}
