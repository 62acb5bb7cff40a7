/// What every filesystem module does once its instance is built: publish the mount contract
/// (server known only after apply, read from the module's `network_storage` output, unless the
/// module knows it at compile time) and the outputs known at compile time.
enum SharedFilesystemLowering {
    static func register(
        _ settings: SettingReader, backing: FilesystemBacking, remotePath: String, localMount: String, type: FilesystemType,
        server knownServer: String? = nil, outputs: [String: Value], into context: inout LoweringContext, diagnostics: inout Diagnostics
    ) {
        let server = ModuleReference(module: settings.id, output: "network_storage", path: [.key("server_ip")], known: nil)
        let mount = MountContract(
            server: knownServer.map(TerraformText.init) ?? TerraformText(parts: [.reference(server)]), remotePath: remotePath, localMount: localMount, type: type,
            options: settings.string("mount_options", diagnostics: &diagnostics) ?? "defaults,_netdev", provider: settings.id
        )
        let filesystem = SharedFilesystem(origin: settings.origin(diagnostics: &diagnostics), mount: mount, backing: backing)
        context.deployment.filesystems.append(filesystem)
        context.entities[settings.id] = .filesystem(filesystem)
        context.knownOutputs[settings.id] = outputs
    }
}
