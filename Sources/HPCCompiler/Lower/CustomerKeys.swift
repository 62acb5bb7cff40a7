/// Customer-managed encryption keys (Cloud KMS) and resource manager tags: the forms Google Cloud
/// takes them in, checked where a setting gives them, and where a key can serve a resource.
enum CloudKMSKey {
    /// `projects/P/locations/L/keyRings/R/cryptoKeys/K`. Not a key version: a resource takes the
    /// key, and Cloud KMS encrypts with the key's primary version at the time.
    static let pattern =
        "projects/[^/\\s]+/locations/[a-z0-9-]+/keyRings/[-_a-zA-Z0-9]{1,63}/cryptoKeys/[-_a-zA-Z0-9]{1,63}"
    static let form = "projects/PROJECT/locations/LOCATION/keyRings/RING/cryptoKeys/KEY"
    static let constraint = Constraint.pattern(pattern, description: "a Cloud KMS key `\(form)`")

    /// A service account email, the account a key request is made as.
    static let accountPattern = "[a-z0-9][-a-z0-9]*@[-a-z0-9.]+\\.gserviceaccount\\.com"
    static let accountConstraint = Constraint.pattern(
        accountPattern, description: "a service account email (`NAME@PROJECT.iam.gserviceaccount.com`)")

    /// The location part of a well-formed key name.
    static func location(of key: String) -> String? {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 4, parts[2] == "locations" else { return nil }
        return String(parts[3])
    }

    /// Reports a key that is not of the form `pattern` (for keys inside objects, which the schema's
    /// constraints do not reach); true when the form is right.
    static func checkForm(
        _ key: String, field: String, at location: SourceLocation, diagnostics: inout Diagnostics
    )
        -> Bool
    {
        if Pattern.matches(key, pattern) { return true }
        let version = key.range(of: "/cryptoKeyVersions/")
        diagnostics.report(
            .constraintViolation, "\(field) '\(key)' is not a Cloud KMS key name", at: location,
            help: version != nil
                ? "name the key, not one of its versions: drop '\(key[version!.lowerBound...])'"
                : "write it as \(form)")
        return false
    }

    /// Reports a key kept in another region than `region`, where the resource is: a regional key
    /// serves only its region. `global` and multi-region keys are left to the service.
    static func checkLocation(
        _ key: String, serves resource: String, region: String, at location: SourceLocation,
        diagnostics: inout Diagnostics
    ) {
        guard let keyLocation = Self.location(of: key), keyLocation != region,
            Pattern.matches(keyLocation, regionPattern)
        else { return }
        diagnostics.report(
            .kmsKeyLocation,
            "\(resource) in region '\(region)' cannot be encrypted with a key of region '\(keyLocation)'",
            at: location, help: "use a key from a key ring in \(region)")
    }

    private static let regionPattern = "[a-z]+-[a-z]+[0-9]+"
}

/// Resource manager tags (`tagKeys/N: tagValues/N`), bound to instances and disks.
enum ResourceManagerTags {
    static let keyPattern = "tagKeys/[0-9]+"
    static let valuePattern = "tagValues/[0-9]+"

    /// The tags whose key and value have the numeric forms Compute Engine takes; each other entry is
    /// reported where `locate` says its key is written.
    static func checked(
        _ tags: [String: String], setting: String, at locate: (String) -> SourceLocation,
        diagnostics: inout Diagnostics
    ) -> [String: String] {
        var valid: [String: String] = [:]
        for key in tags.keys.sorted() {
            let value = tags[key]!
            if !Pattern.matches(key, keyPattern) {
                diagnostics.report(
                    .constraintViolation, "\(setting) key '\(key)' is not a tag key id such as `tagKeys/281475012345`",
                    at: locate(key),
                    help: "find the id with `gcloud resource-manager tags keys describe ORG_ID/SHORT_NAME`")
            } else if !Pattern.matches(value, valuePattern) {
                diagnostics.report(
                    .constraintViolation,
                    "\(setting) value '\(value)' of '\(key)' is not a tag value id such as `tagValues/281479912345`",
                    at: locate(key),
                    help: "find the id with `gcloud resource-manager tags values describe ORG_ID/KEY/VALUE`")
            } else {
                valid[key] = value
            }
        }
        return valid
    }
}

/// The disk keys and disk tags of an instance module.
extension InstanceLowering {
    /// What the module's `disk_encryption_key` (with its account) and `disk_resource_manager_tags`
    /// give the boot disk, the controller's state disk, and additional disks without their own key.
    struct DiskDefaults {
        var encryption: DiskEncryption?
        /// `disk_encryption_key_service_account`, also for additional disks with their own key.
        var account: String?
        var tags: [String: String]
    }

    static func diskDefaults(_ settings: SettingReader, diagnostics: inout Diagnostics) -> DiskDefaults {
        let account = settings.read(InstanceKey.diskEncryptionAccount, diagnostics: &diagnostics)
        var encryption: DiskEncryption?
        // A key of the wrong form was reported by the schema's constraint.
        if let key = settings.read(InstanceKey.diskEncryptionKey, diagnostics: &diagnostics),
            Pattern.matches(key, CloudKMSKey.pattern)
        {
            if let region = settings.value(CommonKey.region).string {
                CloudKMSKey.checkLocation(
                    key, serves: "the disks of module '\(settings.id)'", region: region,
                    at: settings.location(InstanceKey.diskEncryptionKey), diagnostics: &diagnostics)
            }
            encryption = DiskEncryption(kmsKey: key, serviceAccount: account)
        } else if account != nil, !settings.isChosen(InstanceKey.diskEncryptionKey),
            !(settings.value(InstanceKey.additionalDisks).list ?? []).contains(where: {
                $0.map?["disk_encryption_key"]?.string != nil
            })
        {
            diagnostics.report(
                .settingNoEffect, "disk_encryption_key_service_account has no effect without a disk_encryption_key",
                at: settings.location(InstanceKey.diskEncryptionAccount))
        }
        let tags = ResourceManagerTags.checked(
            settings.read(defaulted: InstanceKey.diskResourceManagerTags, diagnostics: &diagnostics),
            setting: InstanceKey.diskResourceManagerTags.name,
            at: { settings.location(InstanceKey.diskResourceManagerTags, [.key($0)]) }, diagnostics: &diagnostics)
        return DiskDefaults(encryption: encryption, account: account, tags: tags)
    }

    /// An additional disk's own key (with its own account, else the module's), else the module's
    /// key. Local SSDs take none: Compute Engine encrypts scratch disks with its own keys.
    static func additionalDiskEncryption(
        _ disk: Disk, fields: [String: Value], index: Int, settings: SettingReader, defaults: DiskDefaults,
        diagnostics: inout Diagnostics
    ) -> DiskEncryption? {
        let at = settings.location(InstanceKey.additionalDisks, [.index(index), .key("disk_encryption_key")])
        guard let key = fields["disk_encryption_key"]?.string else {
            return disk.isLocalSSD ? nil : defaults.encryption
        }
        guard CloudKMSKey.checkForm(key, field: "disk_encryption_key", at: at, diagnostics: &diagnostics) else {
            return nil
        }
        if disk.isLocalSSD {
            diagnostics.report(
                .constraintViolation, "a local SSD cannot be encrypted with a Cloud KMS key", at: at,
                help: "remove disk_encryption_key from this disk: Compute Engine encrypts local SSDs itself")
            return nil
        }
        if let region = settings.value(CommonKey.region).string {
            CloudKMSKey.checkLocation(
                key, serves: "additional disk \(index + 1) of module '\(settings.id)'", region: region, at: at,
                diagnostics: &diagnostics)
        }
        let account = fields["disk_encryption_key_service_account"]?.string
        if let account, !Pattern.matches(account, CloudKMSKey.accountPattern) {
            diagnostics.report(
                .constraintViolation, "disk_encryption_key_service_account '\(account)' is not a service account email",
                at: settings.location(
                    InstanceKey.additionalDisks, [.index(index), .key("disk_encryption_key_service_account")]))
        }
        return DiskEncryption(kmsKey: key, serviceAccount: account ?? defaults.account)
    }
}
