/// Rules for the filesystems of one workbench: each mount point absolute, distinct, not inside
/// another, and every field something fstab and the shell can hold.
enum WorkbenchMountChecks {
    static func check(
        _ mounts: [(mount: MountContract, location: SourceLocation)], settings: SettingReader,
        diagnostics: inout Diagnostics
    ) {
        var seen: [String] = []
        var links: Set<String> = []
        for (mount, at) in mounts {
            let path = mount.localMount
            guard path.hasPrefix("/"), path.count > 1, !path.hasSuffix("/"), !path.contains("//") else {
                diagnostics.report(
                    .constraintViolation,
                    """
                    workbench '\(settings.id)' cannot mount at '\(path)': a mount point is an absolute path other than \
                    '/', without a trailing '/'
                    """,
                    at: at)
                continue
            }
            for field in [path, mount.remotePath, mount.options] + (mount.server.known.map { [$0] } ?? [])
            where !isFstabField(field) {
                diagnostics.report(
                    .unrepresentableValue,
                    """
                    '\(field)' of a filesystem of workbench '\(settings.id)' holds a space, quote, control character \
                    or backslash, which fstab and the startup script cannot hold
                    """,
                    at: at)
            }
            if seen.contains(path) {
                diagnostics.report(
                    .conflictingMounts, "two filesystems mount at '\(path)' on workbench '\(settings.id)'", at: at)
                continue
            }
            if let outer = seen.first(where: { isNested(path, in: $0) || isNested($0, in: path) }) {
                diagnostics.report(
                    .conflictingMounts,
                    "on workbench '\(settings.id)', '\(path)' and '\(outer)' are nested: one would hide the other",
                    at: at)
            }
            if !links.insert(linkName(path)).inserted {
                diagnostics.report(
                    .conflictingMounts,
                    """
                    on workbench '\(settings.id)', '\(path)' would be linked into the working directory under a name \
                    another mount already uses (\(linkName(path)))
                    """,
                    at: at)
            }
            seen.append(path)
        }
    }

    /// The name a mount point gets in the working directory: its path without the leading '/', '/' → '_'.
    static func linkName(_ path: String) -> String {
        String(path.dropFirst()).replacingOccurrences(of: "/", with: "_")
    }

    private static func isNested(_ inner: String, in outer: String) -> Bool {
        inner.hasPrefix(outer + "/")
    }

    /// True when `text` can stand as one field of an fstab line and inside a single-quoted shell word.
    static func isFstabField(_ text: String) -> Bool {
        !text.unicodeScalars.contains {
            $0.value < 0x21 || $0.value == 0x7F || $0 == "\\" || $0 == "'" || $0 == "\"" || $0 == "#"
        }
    }
}
