/// How lowerings read links to other modules.
extension SettingReader {
    /// The network a setting (`network_id`) names: a vpc module's, or an external one.
    func networkAttachment(_ key: SettingKey<String>, diagnostics: inout Diagnostics) -> NetworkAttachment? {
        let value = value(key)
        if let (module, entity) = entity(of: value) {
            if entity.is(Network.self) || entity.is(ImportedNetwork.self) { return .module(module) }
            diagnostics.report(
                .typeMismatch,
                "setting '\(key.name)' of module '\(id)' must come from a network module, not '\(module)'",
                at: location(key))
            return nil
        }
        return value.isNull ? nil : .external(text(from: value))
    }

    /// The subnetwork a setting (`subnetwork_self_link`) names.
    func subnetworkAttachment(_ key: SettingKey<String>, diagnostics: inout Diagnostics) -> SubnetworkAttachment? {
        let value = value(key)
        if let (module, entity) = entity(of: value) {
            if entity.is(Network.self) || entity.is(ImportedNetwork.self) { return .module(module) }
        }
        return value.isNull ? nil : .external(text(from: value))
    }

    /// Private services access modules the settings' values come from (the resource must wait for them).
    func privateServiceAccessModules<T>(_ keys: [SettingKey<T>]) -> [ModuleID] {
        privateServiceAccessModules(keys.map(AnySettingKey.init))
    }

    /// Private services access modules the settings' values come from, for settings read as different types.
    func privateServiceAccessModules(_ keys: [AnySettingKey]) -> [ModuleID] {
        var modules: [ModuleID] = []
        for key in keys {
            for reference in value(key).outputReferences {
                if context.entities[reference.module]?.is(PrivateServiceAccess.self) == true,
                    !modules.contains(reference.module)
                {
                    modules.append(reference.module)
                }
            }
        }
        return modules
    }

    /// Mount contracts from a list of contracts (`network_storage`): filesystems of used modules, or literal contracts.
    func mounts(_ key: SettingKey<Value>, diagnostics: inout Diagnostics) -> [MountContract] {
        locatedMounts(key, diagnostics: &diagnostics).map(\.mount)
    }

    /// Mount contracts with where each came from: the `use` entry of its module, or the setting.
    func locatedMounts(
        _ key: SettingKey<Value>, diagnostics: inout Diagnostics
    ) -> [(mount: MountContract, location: SourceLocation)] {
        let name = key.name
        let elements = value(key).list ?? []
        return elements.compactMap { element -> (MountContract, SourceLocation)? in
            if readsUnlowered(element) { return nil }
            if let (module, entity) = entity(of: element) {
                guard let filesystem = entity.as(SharedFilesystem.self) else {
                    diagnostics.report(
                        .typeMismatch,
                        "setting '\(name)' of module '\(id)' takes filesystems, but '\(module)' is not one",
                        at: location(key))
                    return nil
                }
                if filesystem.backing.isAWS, schema.cloud != .aws {
                    diagnostics.report(
                        .mixedClouds, "\(schema.cloud.rawValue) module '\(id)' cannot mount AWS filesystem '\(module)'",
                        at: {
                            if case let .output(reference) = element { reference.location } else { location(key) }
                        }(),
                        help: "its clients must run in the AWS VPC that holds it")
                    return nil
                }
                if case let .output(reference) = element { return (filesystem.mount, reference.location) }
                return (filesystem.mount, location(key))
            }
            return literalMount(element, setting: key, diagnostics: &diagnostics).map { ($0, location(key)) }
        }
    }

    private func literalMount(
        _ element: Value, setting key: SettingKey<Value>, diagnostics: inout Diagnostics
    ) -> MountContract? {
        let setting = key.name, at = location(key)
        guard var fields = element.map else {
            diagnostics.report(
                .notKnownAtCompileTime,
                """
                a filesystem in '\(setting)' of module '\(id)' must give server_ip, remote_mount, local_mount and \
                fs_type
                """,
                at: at)
            return nil
        }
        for (field, value) in fields where field != "server_ip" {
            if let known = contractField(value) { fields[field] = known }
        }
        let unknown = ["remote_mount", "local_mount", "fs_type"].filter { fields[$0].map { !$0.isLiteral } ?? false }
        if let field = unknown.first, case let .output(reference)? = fields[field] {
            diagnostics.report(
                .notKnownAtCompileTime,
                """
                \(field) of a filesystem in '\(setting)' of module '\(id)' comes from $(\(reference.text)), which \
                Terraform knows only at apply time
                """,
                at: at,
                help:
                    """
                    hpcc writes mounts at compile time; add '\(reference.module)' to 'use' to mount its filesystem \
                    whole
                    """
            )
            return nil
        }
        guard let remote = fields["remote_mount"]?.string, let local = fields["local_mount"]?.string,
            let typeName = fields["fs_type"]?.string, let server = fields["server_ip"]
        else {
            diagnostics.report(
                .notKnownAtCompileTime,
                """
                a filesystem in '\(setting)' of module '\(id)' must give server_ip, remote_mount, local_mount and \
                fs_type
                """,
                at: at)
            return nil
        }
        guard let type = FilesystemType(rawValue: typeName) else {
            diagnostics.report(
                .constraintViolation, "fs_type '\(typeName)' in '\(setting)' of module '\(id)' is not supported",
                at: at, help: "use one of: " + FilesystemType.allCases.map(\.rawValue).joined(separator: ", "))
            return nil
        }
        return MountContract(
            server: text(from: server), remotePath: remote, localMount: local, type: type,
            options: fields["mount_options"]?.string ?? "", provider: nil)
    }

    /// A field of a filesystem's mount contract read by reference (`$(homefs.network_storage.remote_mount)`):
    /// hpcc knows it from the contract the module lowered to, except what Terraform decides.
    private func contractField(_ value: Value) -> Value? {
        guard case let .output(reference) = value, reference.output == "network_storage", reference.path.count == 1,
            case let .key(key) = reference.path[0],
            let filesystem = context.entities[reference.module]?.as(SharedFilesystem.self)
        else { return nil }
        let mount = filesystem.mount
        switch key {
        case "remote_mount": return mount.remotePath.isEmpty ? nil : .string(mount.remotePath)
        case "local_mount": return .string(mount.localMount)
        case "fs_type": return .string(mount.type.rawValue)
        case "mount_options": return .string(mount.options)
        default: return nil
        }
    }
}

/// How AWS lowerings read subnets.
extension SettingReader {
    /// Each subnet of a list setting: a literal list, or an aws-vpc module's list output split into
    /// its elements (hpcc knows how many subnets that module creates), so every subnet gets its
    /// own resource.
    func subnetList(_ key: SettingKey<[String]>, diagnostics: inout Diagnostics) -> [TerraformText]? {
        let value = value(key)
        var subnets: [TerraformText] = []
        for element in value.list ?? [value] {
            if case let .output(reference) = element, reference.path.isEmpty, context.schemaOutputIsList(reference) {
                guard let network = context.entities[reference.module]?.as(AWSNetwork.self) else {
                    subnets = []
                    break
                }
                subnets += network.privateSubnets.indices.map { index in
                    TerraformText(parts: [
                        .reference(
                            ModuleReference(
                                module: reference.module, output: reference.output, path: [.index(index)], known: nil))
                    ])
                }
            } else if element.list == nil {
                subnets.append(text(from: element))
            }
        }
        if !subnets.isEmpty { return subnets }
        if readsUnlowered(value) { return nil }
        diagnostics.report(
            .notKnownAtCompileTime,
            "setting '\(key.name)' of module '\(id)' must list the subnets or come from an aws-vpc module",
            at: location(key),
            help: "hpcc creates one resource per subnet and must know how many there are")
        return nil
    }
}
