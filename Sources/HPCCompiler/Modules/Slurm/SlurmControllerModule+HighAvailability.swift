/// A highly available controller: `enable_backup_controller`, `controller_ha_type` and
/// `backup_zone`, their rules, and the backup controller they lower to.
///
/// Both controllers keep Slurm's state (`StateSaveLocation`) on one filesystem the blueprint mounts
/// at that path through `network_storage` (a Filestore, say): a persistent disk attaches read-write
/// to one instance only, so the state disk and a shared state mount exclude each other.
extension SlurmControllerModule.Key {
    static let enableBackup = SettingKey<Bool>("enable_backup_controller")
    static let haType = SettingKey<String>("controller_ha_type")
    static let backupZone = SettingKey<String>("backup_zone")
}

extension SlurmControllerModule {
    static let highAvailabilitySettings: [SettingSpec] = [
        SettingSpec(
            Key.enableBackup, .bool,
            """
            Run a second slurmctld (`<cluster>-controller-backup`) that takes over when the primary stops \
            answering for `SlurmctldTimeout` (120 s). Needs `network_storage` mounting shared storage (a Filestore) \
            at /var/spool/slurm, where both controllers keep Slurm's state, and `controller_state_disk: null`.
            """,
            default: .bool(false)),
        SettingSpec(
            Key.haType, .string,
            """
            Where the backup controller runs: `zonal` in `zone` beside the primary, `regional` in `backup_zone`, \
            another zone of the region, so that losing one zone leaves a controller.
            """,
            default: .string("zonal"), constraints: [.oneOf(["zonal", "regional"])]),
        SettingSpec(
            Key.backupZone, .string,
            "Zone of the backup controller with `controller_ha_type: regional`: a zone of `region` other than `zone`.",
            constraints: [.pattern(CommonSettings.zonePattern, description: "a zone name such as `us-central1-b`")]),
    ]

    /// The backup controller when `enable_backup_controller` is on, after its rules; nil when it
    /// is off (settings that only matter with it then get a warning) or when a rule fails.
    static func backupController(
        _ settings: SettingReader, region: String, zone: String, staticIPs: [String], stateMount: MountContract?,
        diagnostics: inout Diagnostics
    ) -> BackupController? {
        let enabled = settings.read(defaulted: Key.enableBackup, diagnostics: &diagnostics)
        let type = settings.read(defaulted: Key.haType, diagnostics: &diagnostics)
        let backupZone = settings.read(Key.backupZone, diagnostics: &diagnostics)
        guard enabled else {
            for key in [Key.haType, Key.backupZone] where settings.isChosen(key) {
                diagnostics.report(
                    .settingNoEffect,
                    "setting '\(key.name)' of module '\(settings.id)' has no effect without a backup controller",
                    at: settings.location(key), help: "set enable_backup_controller: true, or remove it")
            }
            if staticIPs.count > 1 {
                diagnostics.report(
                    .constraintViolation,
                    """
                    module '\(settings.id)' has one controller, so static_ips takes one address, not \
                    \(staticIPs.count)
                    """,
                    at: settings.location(Key.staticIPs, [.index(1)]),
                    help: "set enable_backup_controller: true for a second controller at the second address")
            }
            return nil
        }
        var valid = true
        if staticIPs.count == 2, staticIPs[0] == staticIPs[1] {
            diagnostics.report(
                .constraintViolation, "the primary and the backup controller cannot share address '\(staticIPs[0])'",
                at: settings.location(Key.staticIPs, [.index(1)]))
            valid = false
        }
        let placement: String
        switch type {
        case "regional":
            guard let backupZone else {
                // A backup_zone that is no zone name is reported already.
                if settings.module.declaration.settings.contains(where: { $0.key == Key.backupZone.name }) {
                    return nil
                }
                diagnostics.report(
                    .missingSetting,
                    """
                    a regional backup controller of module '\(settings.id)' needs backup_zone, a zone other than \
                    '\(zone)'
                    """,
                    at: settings.location(Key.haType), help: "set backup_zone, or controller_ha_type: zonal")
                return nil
            }
            placement = backupZone
        default:
            if let backupZone, backupZone != zone {
                diagnostics.report(
                    .constraintViolation,
                    """
                    a zonal backup controller runs in zone '\(zone)' beside the primary, not in backup_zone \
                    '\(backupZone)'
                    """,
                    at: settings.location(Key.backupZone),
                    help: "set controller_ha_type: regional to place it in another zone")
                valid = false
            }
            placement = zone
        }
        if type == "regional", let backupZone {
            if !backupZone.hasPrefix(region + "-") {
                diagnostics.report(
                    .zoneNotInRegion, "backup_zone '\(backupZone)' is not in region '\(region)'",
                    at: settings.location(Key.backupZone))
                valid = false
            } else if backupZone == zone {
                diagnostics.report(
                    .constraintViolation,
                    """
                    backup_zone '\(backupZone)' is the primary's zone; a regional backup controller needs another \
                    zone
                    """,
                    at: settings.location(Key.backupZone),
                    help: "choose another zone of '\(region)', or controller_ha_type: zonal")
                valid = false
            }
        }
        if stateMount == nil {
            diagnostics.report(
                .missingSetting,
                """
                the backup controller of module '\(settings.id)' needs Slurm's state on storage both controllers \
                mount: network_storage must mount a shared filesystem at \(SlurmPaths.stateSaveLocation)
                """,
                at: settings.location(Key.enableBackup),
                help: """
                    add a Filestore to network_storage with local_mount: \(SlurmPaths.stateSaveLocation) and set \
                    controller_state_disk: null
                    """)
            valid = false
        }
        return valid ? BackupController(zone: placement, staticIP: staticIPs.count > 1 ? staticIPs[1] : nil) : nil
    }

    /// `static_ips`, each checked to be an IPv4 address (slurm.conf and Terraform both carry it).
    static func staticIPs(_ settings: SettingReader, diagnostics: inout Diagnostics) -> [String] {
        let addresses = settings.read(defaulted: Key.staticIPs, diagnostics: &diagnostics)
        for (index, address) in addresses.enumerated() where CIDR("\(address)/32") == nil {
            diagnostics.report(
                .constraintViolation, "static_ips entry '\(address)' is not an IPv4 address such as `10.0.0.10`",
                at: settings.location(Key.staticIPs, [.index(index)]))
        }
        return addresses
    }

    /// The filesystem of `network_storage` (`located`) mounted at `StateSaveLocation`, if any,
    /// checked to be one that two controllers can share.
    static func stateMount(
        _ located: [(mount: MountContract, location: SourceLocation)], diagnostics: inout Diagnostics
    ) -> MountContract? {
        guard let (mount, location) = located.first(where: { $0.mount.localMount == SlurmPaths.stateSaveLocation })
        else { return nil }
        guard mount.type != .gcsfuse else {
            diagnostics.report(
                .constraintViolation,
                """
                Slurm's state (\(SlurmPaths.stateSaveLocation)) needs a POSIX filesystem such as Filestore, not a \
                Cloud Storage bucket: slurmctld renames and locks its state files
                """,
                at: location)
            return nil
        }
        return mount
    }
}
