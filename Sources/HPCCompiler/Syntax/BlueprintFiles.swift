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

        /// What happened to `name` (as the blueprint gives it, relative to `blueprint`), for a finding.
        func reason(_ name: String, relativeTo blueprint: String) -> String {
            switch self {
            case .noFileAccess: "'\(name)' is not read: this compiler reads no files"
            case .outsideFolder: "'\(name)' is outside the blueprint's folder"
            case .unreadable: "cannot read '\(BlueprintFiles.path(name, relativeTo: blueprint))'"
            }
        }

        /// What to do about it.
        var help: String {
            switch self {
            case .noFileAccess:
                "give the content inline; a program that compiles blueprints grants file access with Compiler(files:)"
            case .outsideFolder:
                "paths are relative to the blueprint's folder and stay in it; `hpcc --read-any-file` lifts this"
            case .unreadable: "paths are relative to the blueprint's folder; files must be UTF-8 text"
            }
        }
    }

    private enum Access: Sendable {
        case nothing
        /// `onDisk`: symbolic links are followed before the check, so none leads out.
        case blueprintFolder(onDisk: Bool)
        case anywhere
    }

    private let reader: @Sendable (_ path: String) -> String?
    /// The files under a folder, as paths relative to it; nil when the path is no folder.
    private var lister: @Sendable (_ path: String) -> [String]? = { _ in nil }
    private let access: Access
    /// Copies `ghpc_stage()` makes: a name inside one is read from what it copies.
    private var staged: [StagedFile] = []

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
        .listing(listDisk)

    /// Any UTF-8 file on disk the process can read, absolute paths and `..` included (the command
    /// line's `--read-any-file`).
    public static let anyFile = BlueprintFiles(access: .anywhere, reader: readDisk).listing(listDisk)

    /// Files held in memory, keyed by path as the blueprint's folder joined with the name it gives.
    public static func memory(_ files: [String: String]) -> BlueprintFiles {
        var memory = BlueprintFiles { files[$0] }
        memory.lister = { folder in
            let prefix = folder.hasSuffix("/") ? folder : folder + "/"
            let inside = files.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
            return inside.isEmpty ? nil : inside.sorted()
        }
        return memory
    }

    /// These files, with the names of `ghpc_stage()` copies read from what they copy.
    func staging(_ files: [StagedFile]) -> BlueprintFiles {
        var staging = self
        staging.staged = files
        return staging
    }

    /// `name` with a staged copy's path (`../staged/x_1a2b…/run.sh`) turned back into the path it
    /// copies (`x/run.sh`), so a runner reads what the deployment will hold.
    func unstaged(_ name: String) -> String {
        for file in staged {
            if name == file.value { return file.source }
            if name.hasPrefix(file.value + "/") { return file.source + name.dropFirst(file.value.count) }
        }
        return name
    }

    @Sendable private static func readDisk(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).flatMap { String(data: $0, encoding: .utf8) }
    }

    @Sendable private static func listDisk(_ path: String) -> [String]? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue,
            let names = try? FileManager.default.subpathsOfDirectory(atPath: path)
        else { return nil }
        return names.filter { name in
            var inner: ObjCBool = false
            return FileManager.default.fileExists(atPath: path + "/" + name, isDirectory: &inner) && !inner.boolValue
        }.sorted()
    }

    private func listing(_ lister: @escaping @Sendable (_ path: String) -> [String]?) -> BlueprintFiles {
        var listing = self
        listing.lister = lister
        return listing
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

    /// The files of `name`: itself when it is a file, or every file under it when it is a folder,
    /// as (path relative to `name`, text) in path order; or why they were not read.
    func tree(_ name: String, relativeTo blueprint: String) -> Result<[(path: String, text: String)], Refusal> {
        let folder = Self.path(unstaged(name), relativeTo: blueprint)
        guard let inside = lister(folder) else { return read(name, relativeTo: blueprint).map { [("", $0)] } }
        var files: [(path: String, text: String)] = []
        for path in inside {
            switch read(name + "/" + path, relativeTo: blueprint) {
            case let .success(text): files.append((path, text))
            case let .failure(refusal): return .failure(refusal)
            }
        }
        return .success(files)
    }

    /// The text of `name`, or why it was not read.
    func read(_ name: String, relativeTo blueprint: String) -> Result<String, Refusal> {
        let name = unstaged(name)
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
