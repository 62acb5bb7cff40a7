import Foundation

/// Write stage: puts a deployment folder on disk atomically. The files go into a fresh sibling
/// folder first; only when all are written does it take the target's place, so a failed build
/// never leaves a half-written or mixed deployment behind. Files of the old folder that hpcc did
/// not write (Terraform's state, `.terraform`) move into the new one (``OperatorFiles``).
@_spi(Tools) public struct DeploymentWriter: Sendable {
    /// Why a folder is not written.
    @_spi(Tools) public struct Refusal: Error, CustomStringConvertible {
        /// Why the folder is not written.
        @_spi(Tools) public let description: String
    }

    /// Replace a target folder hpcc did not write (one without a manifest).
    @_spi(Tools) public var force: Bool
    /// For the interruption test: sleep this long after writing this many files into the staging
    /// folder (`HPCC_WRITE_PAUSE=FILES:SECONDS`), so a process can be killed mid-write on purpose.
    var pause: (files: Int, seconds: Double)?

    /// Creates a writer.
    @_spi(Tools) public init(force: Bool = false) {
        self.force = force
        if let setting = ProcessInfo.processInfo.environment["HPCC_WRITE_PAUSE"]?.split(separator: ":"),
            setting.count == 2,
            let files = Int(setting[0]), let seconds = Double(setting[1])
        {
            pause = (files, seconds)
        }
    }

    /// Writes `files` as the folder `target` (replacing it); throws with a message on failure, and
    /// refuses a target that is not a deployment folder hpcc wrote unless `force`.
    @_spi(Tools) public func write(_ files: [OutputFile], to target: URL) throws {
        let manager = FileManager.default
        let parent = target.deletingLastPathComponent()
        try checkTarget(target)
        try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        removeAbandonedStaging(of: target)
        let staging = parent.appendingPathComponent(
            ".\(target.lastPathComponent).hpcc-new-\(ProcessInfo.processInfo.processIdentifier)")
        try? manager.removeItem(at: staging)
        do {
            try manager.createDirectory(at: staging, withIntermediateDirectories: true)
            for (index, file) in files.enumerated() {
                if let pause, index == pause.files { Thread.sleep(forTimeInterval: pause.seconds) }
                let url = staging.appendingPathComponent(file.path)
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.contents).write(to: url)
                try manager.setAttributes([.posixPermissions: file.executable ? 0o755 : 0o644], ofItemAtPath: url.path)
            }
            try OperatorFiles.carry(from: target, into: staging)
            try replace(target, with: staging)
        } catch {
            try? manager.removeItem(at: staging)
            throw error
        }
    }

    /// A target that exists must be a folder holding hpcc's manifest, unless `force`: hpcc never
    /// replaces a folder someone else made (a home directory given as --output by mistake).
    private func checkTarget(_ target: URL) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target.path, isDirectory: &isFolder) else { return }
        guard isFolder.boolValue else {
            throw Refusal(description: "\(target.path) is a file, not a deployment folder")
        }
        let manifest = target.appendingPathComponent(ManifestEmitter.path)
        if !force, !FileManager.default.fileExists(atPath: manifest.path) {
            throw Refusal(
                description:
                    """
                    \(target.path) exists and has no \(ManifestEmitter.path), so hpcc did not write it; use --force to \
                    replace it
                    """
            )
        }
    }

    /// Staging folders a killed build left beside the target (`.<name>.hpcc-new-<pid>` of a process that is gone).
    private func removeAbandonedStaging(of target: URL) {
        let parent = target.deletingLastPathComponent()
        let prefix = ".\(target.lastPathComponent).hpcc-new-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
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
        let retired = target.deletingLastPathComponent().appendingPathComponent(
            ".\(target.lastPathComponent).hpcc-old-\(ProcessInfo.processInfo.processIdentifier)")
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
    private typealias RenameAt2 =
        @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

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
