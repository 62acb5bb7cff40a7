import Foundation

/// Files a blueprint names besides itself (the `source` of startup-script runners), read at
/// compile time, and which of them the compiler may read. Safe by default: a library caller's
/// compiler reads no file at all, because a service that compiles its users' blueprints must not
/// copy its own files (`source: /etc/hostname`) into their output. The command line grants the
/// blueprint's own folder.
public struct BlueprintFiles: Sendable {
    /// Why a file was not read.
    public enum Refusal: Error, Hashable, Sendable {
        /// This compiler reads no files (the library's default).
        case noFileAccess
        /// The path is absolute, or leaves the blueprint's folder through `..`.
        case outsideFolder
        /// The file does not exist, cannot be read or is not UTF-8 text.
        case unreadable
    }

    private enum Access: Sendable {
        case nothing
        /// `onDisk`: symbolic links are followed before the check, so none leads out.
        case blueprintFolder(onDisk: Bool)
        case anywhere
    }

    private let reader: @Sendable (_ path: String) -> String?
    private let access: Access

    private init(access: Access, reader: @escaping @Sendable (_ path: String) -> String?) {
        self.access = access
        self.reader = reader
    }

    /// Files from `reader`, which gets paths already joined with the blueprint's folder. Paths
    /// that are absolute or leave the blueprint's folder are refused before `reader` sees them.
    public init(_ reader: @escaping @Sendable (_ path: String) -> String?) {
        self.init(access: .blueprintFolder(onDisk: false), reader: reader)
    }

    /// No file access: a runner with `source:` is an error (HPC5005). The default for library callers.
    public static let none = BlueprintFiles(access: .nothing) { _ in nil }

    /// UTF-8 files on disk in the blueprint's own folder and its subfolders: what `hpcc build`
    /// and `hpcc validate` read.
    public static let blueprintFolder = BlueprintFiles(access: .blueprintFolder(onDisk: true), reader: readDisk)

    /// Any UTF-8 file on disk the process can read, absolute paths and `..` included (the command
    /// line's `--read-any-file`).
    public static let anyFile = BlueprintFiles(access: .anywhere, reader: readDisk)

    /// Files held in memory, keyed by path as the blueprint's folder joined with the name it gives.
    public static func memory(_ files: [String: String]) -> BlueprintFiles {
        BlueprintFiles { files[$0] }
    }

    @Sendable private static func readDisk(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).flatMap { String(data: $0, encoding: .utf8) }
    }

    /// The path `name` stands for when the blueprint is the file `blueprint`.
    public static func path(_ name: String, relativeTo blueprint: String) -> String {
        guard !name.hasPrefix("/"), let slash = blueprint.lastIndex(of: "/") else { return name }
        return String(blueprint[...slash]) + name
    }

    /// Whether `name` stays inside the blueprint's folder: relative, and no `..` climbs above it.
    static func staysInFolder(_ name: String) -> Bool {
        guard !name.hasPrefix("/"), !name.hasPrefix("~") else { return false }
        var depth = 0
        for component in name.split(separator: "/") where component != "." {
            depth += component == ".." ? -1 : 1
            if depth < 0 { return false }
        }
        return true
    }

    /// The text of `name`, or why it was not read.
    func read(_ name: String, relativeTo blueprint: String) -> Result<String, Refusal> {
        let path = Self.path(name, relativeTo: blueprint)
        switch access {
        case .nothing:
            return .failure(.noFileAccess)
        case .blueprintFolder where !Self.staysInFolder(name):
            return .failure(.outsideFolder)
        case .blueprintFolder(onDisk: true) where !Self.linksStayInFolder(path, blueprint: blueprint):
            return .failure(.outsideFolder)
        default:
            return reader(path).map { .success($0) } ?? .failure(.unreadable)
        }
    }

    /// Whether `path`, with symbolic links followed, is still inside the blueprint's folder.
    private static func linksStayInFolder(_ path: String, blueprint: String) -> Bool {
        let folder = URL(fileURLWithPath: blueprint).deletingLastPathComponent().resolvingSymlinksInPath().path
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        return target.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }
}
