import Foundation

/// Files a blueprint names besides itself (the `source` of startup-script runners), read at
/// compile time. Paths are relative to the blueprint's folder. A tool that keeps blueprints in
/// memory hands the compiler its own reader.
public struct BlueprintFiles: Sendable {
    private let reader: @Sendable (_ path: String) -> String?

    /// Files from `reader`, which gets paths already joined with the blueprint's folder.
    public init(_ reader: @escaping @Sendable (_ path: String) -> String?) {
        self.reader = reader
    }

    /// UTF-8 files on disk.
    public static let disk = BlueprintFiles { path in
        FileManager.default.contents(atPath: path).flatMap { String(data: $0, encoding: .utf8) }
    }

    /// Files held in memory, keyed by path as the blueprint's folder joined with the name it gives.
    public static func memory(_ files: [String: String]) -> BlueprintFiles {
        BlueprintFiles { files[$0] }
    }

    /// The path `name` stands for when the blueprint is the file `blueprint`.
    public static func path(_ name: String, relativeTo blueprint: String) -> String {
        guard !name.hasPrefix("/"), let slash = blueprint.lastIndex(of: "/") else { return name }
        return String(blueprint[...slash]) + name
    }

    /// The text of `name`, nil when it cannot be read.
    func read(_ name: String, relativeTo blueprint: String) -> String? {
        reader(Self.path(name, relativeTo: blueprint))
    }
}
