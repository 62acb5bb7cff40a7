import Foundation

/// The files of a deployment folder that hpcc did not write: Terraform's state and working folder
/// (`terraform.tfstate`, `.terraform/`, `.terraform.lock.hcl`), a backend or variables file the
/// operator added. hpcc owns exactly the files its manifest lists; a rebuild replaces those and
/// keeps everything else, so running `terraform apply` again after a rebuild changes the
/// infrastructure instead of trying to create it a second time.
enum OperatorFiles {
    /// The paths hpcc wrote into `folder`, from its manifest (the manifest included); nil when the
    /// folder has no manifest.
    static func hpccPaths(in folder: URL) -> Set<String>? {
        let manifest = folder.appendingPathComponent(ManifestEmitter.path)
        guard let data = try? Data(contentsOf: manifest) else { return nil }
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        let files = object?["files"] as? [[String: Any]] ?? []
        return Set(files.compactMap { $0["path"] as? String } + [ManifestEmitter.path])
    }

    /// The operator's entries of `folder`, as paths relative to it: files hpcc did not write, and
    /// whole folders that hold none of hpcc's files (a `.terraform` folder is one entry).
    static func entries(in folder: URL, hpcc: Set<String>) -> [String] {
        let folders = Set(
            hpcc.flatMap { path in
                let parts = path.split(separator: "/").dropLast()
                return parts.indices.map { parts[...$0].joined(separator: "/") }
            })
        var found: [String] = []
        func walk(_ relative: String) {
            let url = relative.isEmpty ? folder : folder.appendingPathComponent(relative)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            for name in names.sorted() {
                let path = relative.isEmpty ? name : relative + "/" + name
                if folders.contains(path), isFolder(folder.appendingPathComponent(path)) {
                    walk(path)
                } else if !hpcc.contains(path) {
                    found.append(path)
                }
            }
        }
        walk("")
        return found
    }

    /// Links the operator's entries of `old` into `new` at the same paths (hard links: the data is
    /// shared, nothing is copied, and `old` stays whole until it is replaced). A path hpcc now
    /// writes itself is left as hpcc wrote it.
    static func carry(from old: URL, into new: URL) throws {
        guard let hpcc = hpccPaths(in: old) else { return }
        for path in entries(in: old, hpcc: hpcc) {
            let destination = new.appendingPathComponent(path)
            if (try? FileManager.default.attributesOfItem(atPath: destination.path)) != nil { continue }
            try FileManager.default.createDirectory(
                at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            try linkTree(old.appendingPathComponent(path), to: destination)
        }
    }

    /// Recreates `source` at `destination`: folders as folders (same mode), files as hard links,
    /// symbolic links as the same links.
    private static func linkTree(_ source: URL, to destination: URL) throws {
        let manager = FileManager.default
        let attributes = try manager.attributesOfItem(atPath: source.path)
        switch attributes[.type] as? FileAttributeType {
        case .typeSymbolicLink?:
            try manager.createSymbolicLink(
                atPath: destination.path,
                withDestinationPath: try manager.destinationOfSymbolicLink(atPath: source.path))
        case .typeDirectory?:
            try manager.createDirectory(at: destination, withIntermediateDirectories: false)
            for name in try manager.contentsOfDirectory(atPath: source.path) {
                try linkTree(source.appendingPathComponent(name), to: destination.appendingPathComponent(name))
            }
            if let mode = attributes[.posixPermissions] {
                try manager.setAttributes([.posixPermissions: mode], ofItemAtPath: destination.path)
            }
        default:
            guard link(source.path, destination.path) == 0 else {
                try manager.copyItem(at: source, to: destination)
                return
            }
        }
    }

    private static func isFolder(_ url: URL) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &folder) && folder.boolValue
    }
}
