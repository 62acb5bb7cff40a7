import Foundation

/// Write stage: puts a deployment folder on disk atomically. The files go into a fresh sibling
/// folder first; only when all are written does it take the target's place, so a failed build
/// never leaves a half-written or mixed deployment behind.
public struct DeploymentWriter: Sendable {
    /// Creates a writer.
    public init() {}

    /// Writes `files` as the folder `target` (replacing it); throws with a message on failure.
    public func write(_ files: [OutputFile], to target: URL) throws {
        let manager = FileManager.default
        let parent = target.deletingLastPathComponent()
        try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).hpcc-new-\(ProcessInfo.processInfo.processIdentifier)")
        try? manager.removeItem(at: staging)
        do {
            try manager.createDirectory(at: staging, withIntermediateDirectories: true)
            for file in files {
                let url = staging.appendingPathComponent(file.path)
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.contents).write(to: url)
                try manager.setAttributes([.posixPermissions: file.executable ? 0o755 : 0o644], ofItemAtPath: url.path)
            }
            try replace(target, with: staging)
        } catch {
            try? manager.removeItem(at: staging)
            throw error
        }
    }

    /// Swaps `staging` into `target`: a rename when the target does not exist; otherwise the old
    /// folder is moved aside first and removed once the new one is in place.
    private func replace(_ target: URL, with staging: URL) throws {
        let manager = FileManager.default
        guard manager.fileExists(atPath: target.path) else {
            try manager.moveItem(at: staging, to: target)
            return
        }
        let retired = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).hpcc-old-\(ProcessInfo.processInfo.processIdentifier)")
        try? manager.removeItem(at: retired)
        try manager.moveItem(at: target, to: retired)
        do {
            try manager.moveItem(at: staging, to: target)
        } catch {
            try? manager.moveItem(at: retired, to: target)
            throw error
        }
        try? manager.removeItem(at: retired)
    }
}
