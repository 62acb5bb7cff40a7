/// `additional_disks` of an instance module → `Disk`s, with the rules every kind of instance shares
/// (nodesets, login nodes, the controller) and those of instances hpcc creates one by one.
extension InstanceLowering {
    /// A local SSD's fixed size: each `local-ssd` entry is one disk of 375 GB.
    static let localSSDSizeGB = 375

    static func additionalDisks(
        _ settings: SettingReader, labels: [String: String], defaults: DiskDefaults, diagnostics: inout Diagnostics
    ) -> [Disk] {
        let entries = settings.read(defaulted: InstanceKey.additionalDisks, diagnostics: &diagnostics).list ?? []
        var deviceNames: Set<String> = []
        return entries.enumerated().compactMap { index, entry in
            guard let fields = entry.map else { return nil }
            let own = fields["disk_labels"]?.map?.compactMapValues(\.string) ?? [:]
            var disk = Disk(
                name: fields["disk_name"]?.string, deviceName: fields["device_name"]?.string,
                type: fields["disk_type"]?.string ?? "pd-standard", sizeGB: fields["disk_size_gb"]?.int,
                autoDelete: fields["auto_delete"]?.bool ?? true, boot: false,
                labels: labels.merging(own) { _, mine in mine })
            let at = { (key: String) in settings.location(InstanceKey.additionalDisks, [.index(index), .key(key)]) }
            if fields["boot"]?.bool == true {
                diagnostics.report(
                    .constraintViolation,
                    "additional disk \(index + 1) of module '\(settings.id)' cannot be a boot disk",
                    at: at("boot"),
                    help: "an instance boots from its own disk (disk_type, disk_size_gb); set boot: false")
            }
            if let name = disk.name, !Pattern.matches(name, NameRules.computeEngineName) {
                diagnostics.report(
                    .constraintViolation, "disk_name '\(name)' is not a Compute Engine name", at: at("disk_name"),
                    help: "lowercase letters, digits and '-', starting with a letter, at most 63 characters")
            }
            if let device = disk.deviceName, !deviceNames.insert(device).inserted {
                diagnostics.report(
                    .constraintViolation,
                    "two additional disks of module '\(settings.id)' have device_name '\(device)'",
                    at: at("device_name"), help: "each disk of an instance needs its own device name")
            }
            disk.encryption = additionalDiskEncryption(
                disk, fields: fields, index: index, settings: settings, defaults: defaults, diagnostics: &diagnostics)
            disk.resourceManagerTags = ResourceManagerTags.checked(
                fields["disk_resource_manager_tags"]?.map?.compactMapValues(\.string) ?? [:],
                setting: "disk_resource_manager_tags",
                at: {
                    settings.location(
                        InstanceKey.additionalDisks, [.index(index), .key("disk_resource_manager_tags"), .key($0)])
                },
                diagnostics: &diagnostics)
            if disk.isLocalSSD { checkLocalSSD(&disk, at: at, diagnostics: &diagnostics) }
            return disk
        }
    }

    /// A local SSD is one 375 GB scratch disk, made and deleted with its instance, without a name of
    /// its own or resource manager tags (its key is judged with the other keys).
    private static func checkLocalSSD(
        _ disk: inout Disk, at: (String) -> SourceLocation, diagnostics: inout Diagnostics
    ) {
        if let size = disk.sizeGB, size != localSSDSizeGB {
            let count = size / localSSDSizeGB
            diagnostics.report(
                .constraintViolation, "a local SSD is \(localSSDSizeGB) GB, not \(size) GB", at: at("disk_size_gb"),
                help: count > 1 && size % localSSDSizeGB == 0
                    ? "list \(count) local-ssd disks of \(localSSDSizeGB) GB each"
                    : "set disk_size_gb: \(localSSDSizeGB), and list one local-ssd disk per \(localSSDSizeGB) GB")
        }
        disk.sizeGB = localSSDSizeGB
        if disk.name != nil {
            diagnostics.report(
                .constraintViolation, "a local SSD takes no disk_name", at: at("disk_name"),
                help: "remove disk_name; the guest finds the disk by its device_name")
            disk.name = nil
        }
        if !disk.autoDelete {
            diagnostics.report(
                .constraintViolation, "a local SSD is always deleted with its instance; auto_delete cannot be false",
                at: at("auto_delete"), help: "keep data that must outlive the instance on a persistent disk")
            disk.autoDelete = true
        }
        if !disk.resourceManagerTags.isEmpty {
            diagnostics.report(
                .constraintViolation, "a local SSD cannot carry resource manager tags",
                at: at("disk_resource_manager_tags"), help: "remove disk_resource_manager_tags from this disk")
            disk.resourceManagerTags = [:]
        }
    }

    /// The additional disks of instances hpcc creates one by one (the controller, login nodes): each
    /// persistent disk becomes its own `google_compute_disk`, so one `disk_name` cannot serve several
    /// instances; a local SSD becomes a `scratch_disk`, which takes no labels. `reserved` are device
    /// names hpcc gives other disks of the instance.
    static func checkInstanceDisks(
        _ settings: SettingReader, instances: Int, reserved: [String], diagnostics: inout Diagnostics
    ) {
        for (index, entry) in (settings.value(InstanceKey.additionalDisks).list ?? []).enumerated() {
            guard let fields = entry.map else { continue }
            let at = { (key: String) in settings.location(InstanceKey.additionalDisks, [.index(index), .key(key)]) }
            let localSSD = fields["disk_type"]?.string == "local-ssd"
            if let name = fields["disk_name"]?.string, instances > 1, !localSSD {
                diagnostics.report(
                    .constraintViolation, "disk_name '\(name)' would name a disk of each of the \(instances) instances",
                    at: at("disk_name"), help: "remove disk_name: hpcc names each disk after its instance")
            }
            if let device = fields["device_name"]?.string, reserved.contains(device) {
                diagnostics.report(
                    .constraintViolation, "device_name '\(device)' is the name of a disk hpcc attaches to the instance",
                    at: at("device_name"), help: "choose another device name")
            }
            if localSSD, !(fields["disk_labels"]?.map ?? [:]).isEmpty {
                diagnostics.report(
                    .settingNoEffect, "a local SSD of module '\(settings.id)' takes no labels", at: at("disk_labels"),
                    help: "remove disk_labels from this disk: an instance's scratch disks carry no labels")
            }
        }
    }

    /// The names hpcc gives the unnamed persistent disks of the instance `host` fit Compute Engine's
    /// 63 characters; reported at `location`.
    static func checkDerivedDiskNames(
        _ instance: InstanceProperties, host: String, at location: SourceLocation?, diagnostics: inout Diagnostics
    ) {
        for (index, disk) in instance.additionalDisks.enumerated() where disk.name == nil && !disk.isLocalSSD {
            let name = Disk.derivedName(host: host, position: index + 1)
            guard name.count > 63 else { continue }
            diagnostics.report(
                .constraintViolation, "disk name '\(name)' is \(name.count) characters; disk names hold at most 63",
                at: location, help: "set the disk's disk_name, or shorten the cluster or login group name")
        }
    }
}
