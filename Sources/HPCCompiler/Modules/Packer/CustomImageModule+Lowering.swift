extension CustomImageModule {
    /// What an image name or family may be: Compute Engine's rule for resource names.
    static let imageNamePattern = "[a-z]([-a-z0-9]{0,61}[a-z0-9])?"

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> PackerImage? {
        guard let project = settings.read(CommonKey.project, diagnostics: &diagnostics),
            let deployment = settings.read(CommonKey.deploymentName, diagnostics: &diagnostics),
            let zone = settings.read(CommonKey.zone, diagnostics: &diagnostics),
            let subnetwork = packerText(Key.subnetwork, settings, diagnostics: &diagnostics)
        else { return nil }
        let family = settings.read(Key.imageFamily, diagnostics: &diagnostics) ?? deployment
        let name = settings.read(Key.imageName, diagnostics: &diagnostics)
        for (key, value) in [(Key.imageFamily, family), (Key.imageName, name ?? family)]
        where !Pattern.matches(value, imageNamePattern) {
            diagnostics.report(
                .invalidName, "image \(key == Key.imageName ? "name" : "family") '\(value)' is not valid",
                at: settings.location(settings.isExplicit(key) ? key : CommonKey.deploymentName),
                help: "1-63 lowercase letters, digits and '-', starting with a letter and not ending with '-'")
        }
        let source = PackerImage.SourceImage(
            name: settings.read(Key.sourceImage, diagnostics: &diagnostics),
            family: settings.read(Key.sourceImageFamily, diagnostics: &diagnostics),
            projects: settings.read(Key.sourceImageProjects, diagnostics: &diagnostics) ?? [])
        if source.name == nil, source.family == nil {
            diagnostics.report(
                .constraintViolation, "module '\(settings.id)' names no source image",
                at: settings.location(Key.sourceImageFamily), help: "set source_image or source_image_family")
        }
        let communicator = settings.read(defaulted: Key.communicator, diagnostics: &diagnostics)
        if communicator == .none {
            for key in [Key.useOSLogin] where settings.read(defaulted: key, diagnostics: &diagnostics) {
                diagnostics.report(
                    .constraintViolation, "'\(key.name)' needs 'communicator: ssh'", at: settings.location(key))
            }
        }
        var metadata: [String: TerraformText] = [:]
        for (key, value) in settings.value(Key.metadata).map ?? [:] {
            guard let text = packerText(settings.text(from: value), Key.metadata, settings, diagnostics: &diagnostics)
            else { continue }
            metadata[key] = text
        }
        guard let machine = buildMachine(settings, diagnostics: &diagnostics) else { return nil }
        let image = PackerImage(
            origin: settings.origin(diagnostics: &diagnostics), project: project, zone: zone,
            region: settings.read(CommonKey.region, diagnostics: &diagnostics), machine: machine, source: source,
            family: family, name: name,
            storageLocations: settings.read(Key.storageLocations, diagnostics: &diagnostics) ?? [],
            licenses: settings.read(defaulted: Key.licenses, diagnostics: &diagnostics),
            subnetwork: subnetwork,
            networkProject: packerText(Key.networkProject, settings, diagnostics: &diagnostics),
            omitExternalIP: settings.read(defaulted: Key.omitExternalIP, diagnostics: &diagnostics),
            tags: settings.read(defaulted: Key.tags, diagnostics: &diagnostics),
            serviceAccount: packerText(Key.serviceAccount, settings, diagnostics: &diagnostics),
            scopes: settings.read(defaulted: Key.scopes, diagnostics: &diagnostics),
            communicator: communicator,
            useIAP: settings.read(defaulted: Key.useIAP, diagnostics: &diagnostics),
            useOSLogin: settings.read(defaulted: Key.useOSLogin, diagnostics: &diagnostics),
            sshUsername: settings.read(defaulted: Key.sshUsername, diagnostics: &diagnostics),
            startupScript: packerText(Key.startupScript, settings, diagnostics: &diagnostics),
            wrapStartupScript: settings.read(defaulted: Key.wrapStartupScript, diagnostics: &diagnostics),
            metadata: metadata,
            stateTimeout: settings.read(defaulted: Key.stateTimeout, diagnostics: &diagnostics),
            manifestFile: settings.read(defaulted: Key.manifestFile, diagnostics: &diagnostics))
        settings.context.deployment.packerImages.append(image)
        return image
    }

    /// The build VM: machine, disk, accelerators and what they imply for host maintenance.
    private static func buildMachine(
        _ settings: SettingReader, diagnostics: inout Diagnostics
    ) -> PackerImage.BuildMachine? {
        guard let machineType = settings.read(Key.machineType, diagnostics: &diagnostics) else { return nil }
        let acceleratorType = settings.read(Key.acceleratorType, diagnostics: &diagnostics)
        let count = settings.read(Key.acceleratorCount, diagnostics: &diagnostics)
        if acceleratorType == nil, count != nil {
            diagnostics.report(
                .acceleratorMismatch, "accelerator_count is set without accelerator_type",
                at: settings.location(Key.acceleratorCount), help: "set accelerator_type, or remove accelerator_count")
        }
        // Machines with GPUs (built in or attached) cannot live-migrate.
        let hasGPU = acceleratorType != nil || settings.context.machines.machine(machineType)?.gpu != nil
        let maintenance = settings.read(Key.onHostMaintenance, diagnostics: &diagnostics)
        if hasGPU, maintenance == .migrate {
            diagnostics.report(
                .acceleratorMismatch, "a build VM with GPUs cannot live-migrate; on_host_maintenance must be TERMINATE",
                at: settings.location(Key.onHostMaintenance))
        }
        return PackerImage.BuildMachine(
            machineType: machineType, diskSize: settings.read(Key.diskSize, diagnostics: &diagnostics),
            diskType: settings.read(defaulted: Key.diskType, diagnostics: &diagnostics),
            acceleratorType: acceleratorType, acceleratorCount: acceleratorType == nil ? 0 : count ?? 1,
            onHostMaintenance: maintenance ?? (hasGPU ? .terminate : .migrate),
            shielded: InstanceLowering.shieldedConfig(settings, diagnostics: &diagnostics))
    }

    /// A string setting as text a Packer template can hold; nil when unset or when it holds a
    /// Terraform expression (reported), which only Terraform could evaluate.
    private static func packerText(
        _ key: SettingKey<String>, _ settings: SettingReader, diagnostics: inout Diagnostics
    ) -> TerraformText? {
        settings.text(key).flatMap { packerText($0, key, settings, diagnostics: &diagnostics) }
    }

    private static func packerText<T>(
        _ text: TerraformText, _ key: SettingKey<T>, _ settings: SettingReader, diagnostics: inout Diagnostics
    ) -> TerraformText? {
        let raw = text.parts.contains {
            if case .raw = $0 { return true }
            return false
        }
        guard raw else { return text }
        diagnostics.report(
            .settingNotSupported,
            "setting '\(key.name)' of module '\(settings.id)' holds a Terraform expression, which a Packer template "
                + "cannot evaluate",
            at: settings.location(key), help: "give a literal value or another module's output")
        return nil
    }
}
