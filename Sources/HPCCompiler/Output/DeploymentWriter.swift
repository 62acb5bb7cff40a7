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

    /// Swaps `staging` into `target`. On Linux the two folders are exchanged in one step
    /// (renameat2 with RENAME_EXCHANGE), so the target path always names a complete deployment;
    /// elsewhere the old folder is moved aside first and restored if the second rename fails.
    private func replace(_ target: URL, with staging: URL) throws {
        let manager = FileManager.default
        guard manager.fileExists(atPath: target.path) else {
            try manager.moveItem(at: staging, to: target)
            return
        }
        if AtomicExchange.exchange(staging.path, target.path) {
            try? manager.removeItem(at: staging)
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

/// Linux's atomic exchange of two paths. glibc has renameat2 but Swift's Glibc module does not
/// export it, so it is looked up at run time; nil where the system lacks it.
enum AtomicExchange {
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// True when the exchange happened.
    static func exchange(_ first: String, _ second: String) -> Bool {
        #if os(Linux)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return false }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let renameExchange: UInt32 = 2
        return renameat2(AT_FDCWD, first, AT_FDCWD, second, renameExchange) == 0
        #else
        return false
        #endif
    }
}
