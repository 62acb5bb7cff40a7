/// Building blocks of output expressions that several modules share.
enum OutputExpressions {
    /// A filesystem's `network_storage` mount contract: the server and remote path as Terraform
    /// gives them (remote defaults to the contract's own), the rest as compiled.
    static func mountContract(
        _ filesystem: SharedFilesystem, server: String, remote: String? = nil, path: [Accessor]
    ) -> String {
        let mount = filesystem.mount
        return object(
            [
                ("server_ip", server), ("remote_mount", remote ?? HCL.quoted(mount.remotePath)),
                ("local_mount", HCL.quoted(mount.localMount)),
                ("fs_type", HCL.quoted(mount.type.rawValue)), ("mount_options", HCL.quoted(mount.options)),
            ], path: path)
    }

    /// An object output from its fields' expressions: the one field `path` starts with, or the
    /// whole object constructor.
    static func object(_ fields: [(String, String)], path: [Accessor]) -> String {
        if case let .key(field)? = path.first, let match = fields.first(where: { $0.0 == field }) {
            return match.1 + HCL.access(Array(path.dropFirst()))
        }
        return "{" + fields.map { "\($0.0) = \($0.1)" }.joined(separator: ", ") + "}" + HCL.access(path)
    }
}
