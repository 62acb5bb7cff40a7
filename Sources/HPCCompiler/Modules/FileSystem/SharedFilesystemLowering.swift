/// What every filesystem module does once its instance is built: publish the mount contract
/// and the outputs known at compile time. The server of a filesystem hpcc creates is known only
/// after apply (read from the module's `network_storage` output); an imported one names it.
enum SharedFilesystemLowering {
    /// Adds the filesystem to the deployment and records its compile-time outputs (`outputs`, and
    /// the whole contract when the server is known); `server` is nil for one hpcc creates.
    static func register(
        _ settings: SettingReader, backing: FilesystemBacking, server: TerraformText? = nil, remotePath: String,
        localMount: String, type: FilesystemType,
        outputs: [String: Value], into context: LoweringContext, diagnostics: inout Diagnostics
    ) -> SharedFilesystem {
        // Every filesystem module names its contract output `network_storage`.
        let contract = CommonKey.networkStorage.name
        let created = TerraformText(parts: [
            .reference(
                ModuleReference(
                    module: settings.id, output: contract, path: [.key("server_ip")],
                    known: nil))
        ])
        // Each filesystem module's schema has its own default.
        let options = settings.read(defaulted: CommonKey.mountOptions, diagnostics: &diagnostics)
        let mount = MountContract(
            server: server ?? created, remotePath: remotePath, localMount: localMount, type: type, options: options,
            provider: settings.id)
        let filesystem = SharedFilesystem(
            origin: settings.origin(diagnostics: &diagnostics), mount: mount, backing: backing)
        context.deployment.filesystems.append(filesystem)
        var known = outputs
        if let server = mount.server.known {
            known[contract] = .map([
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
        read(AWSKey.managedBy, diagnostics: &diagnostics).flatMap(FilesystemCreator.init(rawValue:))
    }

    /// Reports the network settings a filesystem Terraform creates cannot do without; true when all are set.
    /// The keys differ in type (a VPC id, a list of subnets), hence the pack.
    func requireNetwork<each T>(_ keys: repeat SettingKey<each T>, diagnostics: inout Diagnostics) -> Bool {
        var missing: [String] = []
        for key in repeat each keys {
            if value(key).isNull { missing.append(key.name) }
        }
        guard !missing.isEmpty else { return true }
        diagnostics.report(
            .missingSetting,
            "module '\(id)' creates a file system and needs \(missing.map { "'\($0)'" }.joined(separator: ", "))",
            at: module.declaration.id.location,
            help:
                "add `use: [<your aws-vpc module>]`, or set `managed_by: parallelcluster` to let the cluster create it")
        return false
    }
}
