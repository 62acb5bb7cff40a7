/// `modules/file-system/pre-existing-network-storage` → a `SharedFilesystem` backed by storage
/// that exists already. Which settings the contract needs depends on the filesystem type.
enum PreExistingNetworkStorageLowering {
    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> SharedFilesystem? {
        let context = settings.context
        guard let typeName = settings.string("fs_type", diagnostics: &diagnostics), let type = FilesystemType(rawValue: typeName),
              let server = settings.string("server_ip", diagnostics: &diagnostics),
              let remote = settings.string("remote_mount", diagnostics: &diagnostics),
              let localMount = settings.string("local_mount", diagnostics: &diagnostics)
        else { return nil }
        // A contract that breaks its type's rules is reported and still registered: the mount
        // point of the modules that use it is checked all the same.
        check(type: type, server: server, remote: remote, settings: settings, diagnostics: &diagnostics)
        // Lustre clients mount `<NID>:/<fsname>`; the contract keeps the path form Managed Lustre uses.
        let remotePath = type == .lustre && !remote.hasPrefix("/") ? "/\(remote)" : remote
        return SharedFilesystemLowering.register(
            settings, backing: .imported, server: TerraformText(server), remotePath: remotePath, localMount: localMount, type: type,
            outputs: [:], into: context, diagnostics: &diagnostics
        )
    }

    /// Reports settings that do not fit `type`; true when the contract is usable.
    @discardableResult
    private static func check(type: FilesystemType, server: String, remote: String, settings: SettingReader, diagnostics: inout Diagnostics) -> Bool {
        let before = diagnostics.errorCount
        func report(_ setting: String, _ message: String, help: String? = nil) {
            diagnostics.report(.storageSettingsMismatch, message, at: settings.location(setting), help: help)
        }
        switch type {
        case .nfs:
            if server.isEmpty {
                report("server_ip", "an nfs filesystem needs server_ip, the address of the NFS server", help: "set server_ip, e.g. 10.0.0.2")
            } else if !isHost(server) {
                report("server_ip", "server_ip '\(server)' is not an NFS server address or host name")
            }
            if !remote.hasPrefix("/") {
                report("remote_mount", "the remote_mount of an nfs filesystem is the exported path and must be absolute, not '\(remote)'")
            }
        case .lustre:
            if server.isEmpty {
                report("server_ip", "a lustre filesystem needs server_ip, the MGS NID(s)", help: "e.g. 10.0.0.2@tcp")
            } else if !server.split(separator: ":", omittingEmptySubsequences: false).allSatisfy(isNID) {
                report("server_ip", "server_ip '\(server)' is not a list of Lustre NIDs such as 10.0.0.2@tcp")
            }
            let name = remote.hasPrefix("/") ? String(remote.dropFirst()) : remote
            if !isLustreName(name) {
                report("remote_mount", "the remote_mount of a lustre filesystem is the filesystem name (1-8 letters, digits, '_' or '-'), not '\(remote)'")
            }
        case .gcsfuse:
            if !server.isEmpty {
                report("server_ip", "a gcsfuse filesystem has no server; remove server_ip")
            }
            if !isBucketName(remote) {
                report("remote_mount", "the remote_mount of a gcsfuse filesystem is a bucket name, not '\(remote)'",
                       help: remote.hasPrefix("gs://") ? "drop the 'gs://' prefix" : nil)
            }
        }
        return diagnostics.errorCount == before
    }

    /// An IPv4 address or a DNS host name.
    private static func isHost(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 253 && text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.unicodeScalars.allSatisfy { NameRules.isLetter($0) || NameRules.isDigit($0) || $0 == "-" }
        }
    }

    /// `address@network`, e.g. `10.0.0.2@tcp` or `10.0.0.2@o2ib`.
    private static func isNID(_ text: Substring) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && isHost(String(parts[0])) && !parts[1].isEmpty
            && parts[1].unicodeScalars.allSatisfy { NameRules.isLower($0) || NameRules.isDigit($0) }
    }

    private static func isLustreName(_ text: String) -> Bool {
        (1...8).contains(text.count) && text.unicodeScalars.allSatisfy { NameRules.isWord($0) || $0 == "-" }
    }

    /// Cloud Storage bucket names: 3-222 lowercase letters, digits, '-', '_' and '.', starting and ending with a letter or digit.
    private static func isBucketName(_ text: String) -> Bool {
        guard (3...222).contains(text.count), let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        let alnum = { (scalar: Unicode.Scalar) in NameRules.isLower(scalar) || NameRules.isDigit(scalar) }
        return alnum(first) && alnum(last) && text.unicodeScalars.allSatisfy { alnum($0) || $0 == "-" || $0 == "_" || $0 == "." }
    }
}
