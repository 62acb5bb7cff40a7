/// Writes slurm.conf-style `Key=Value` lines. Values are checked by Lower; this only lays out text.
struct SlurmConfWriter {
    private(set) var text = ""
    /// Settings that replace those `set` writes of the same name (case-insensitively, as Slurm reads
    /// keys); `remainingOverrides` are those no `set` met.
    private var overrides: [String: SlurmSetting] = [:]
    private var order: [String] = []

    /// A writer; `overrides` replace the values `set` is given for their keys.
    init(overrides: [SlurmSetting] = []) {
        for setting in overrides {
            let key = setting.key.lowercased()
            if self.overrides.updateValue(setting, forKey: key) == nil { order.append(key) }
        }
    }

    /// The overrides no `set` has written yet, in their order.
    var remainingOverrides: [SlurmSetting] { order.compactMap { overrides[$0] } }

    mutating func comment(_ line: String) {
        text += line.isEmpty ? "#\n" : "# \(line)\n"
    }

    mutating func blank() {
        if !text.isEmpty, !text.hasSuffix("\n\n") { text += "\n" }
    }

    /// `Key=Value` on its own line (the override's value when there is one).
    mutating func set(_ key: String, _ value: String) {
        if let override = overrides.removeValue(forKey: key.lowercased()) {
            text += "\(key)=\(override.value)\n"
        } else {
            text += "\(key)=\(value)\n"
        }
    }

    mutating func set(_ key: String, _ value: Int) {
        set(key, String(value))
    }

    /// `Include <path>`: Slurm's parser reads that file in place of the line.
    mutating func include(_ path: String) {
        text += "Include \(path)\n"
    }

    /// Several `Key=Value` pairs on one line (NodeName, PartitionName ...).
    mutating func line(_ pairs: [(String, String)]) {
        text += pairs.map { "\($0.0)=\($0.1)" }.joined(separator: " ") + "\n"
    }
}

extension SlurmConfWriter {
    /// Where the daemons listen, keep state, write PID files and log.
    mutating func daemonLayout(_ layout: SlurmDaemonLayout) {
        set("SlurmctldPort", layout.slurmctldPort)
        set("SlurmdPort", layout.slurmdPort)
        set("StateSaveLocation", layout.stateSaveLocation)
        set("SlurmdSpoolDir", layout.slurmdSpoolDirectory)
        set("SlurmctldPidFile", "\(layout.pidDirectory)/slurmctld.pid")
        set("SlurmdPidFile", "\(layout.pidDirectory)/slurmd.pid")
        set("SlurmctldLogFile", "\(layout.logDirectory)/slurmctld.log")
        set("SlurmdLogFile", "\(layout.logDirectory)/slurmd-%n.log")
    }

    /// slurmdbd.conf's daemon part: where slurmdbd runs and listens, as whom, how clients
    /// authenticate, where it logs.
    mutating func slurmdbdDaemon(
        host: String, backupHost: String? = nil, port: Int, layout: SlurmDaemonLayout, auth: String = "munge"
    ) {
        set("DbdHost", host)
        if let backupHost { set("DbdBackupHost", backupHost) }
        set("DbdPort", port)
        set("SlurmUser", layout.slurmUser)
        set("AuthType", "auth/\(auth)")
        if let socket = layout.mungeSocket { set("AuthInfo", "socket=\(socket)") }
        set("LogFile", "\(layout.logDirectory)/slurmdbd.log")
        set("PidFile", "\(layout.pidDirectory)/slurmdbd.pid")
    }

    /// slurmdbd.conf's database part: MariaDB through `accounting_storage/mysql`, the password
    /// (and, when `host` is nil, the host) left to the file `include` names.
    mutating func slurmdbdStorage(host: String?, port: Int, user: String, database: String, include: String) {
        set("StorageType", "accounting_storage/mysql")
        if let host { set("StorageHost", host) }
        set("StoragePort", port)
        set("StorageUser", user)
        set("StorageLoc", database)
        self.include(include)
    }
}

/// Characters slurm.conf values cannot carry unquoted.
enum SlurmConfText {
    /// True when `text` can stand as a slurm.conf key or value: no whitespace, '#' or '='.
    static func isRepresentable(_ text: String, isKey: Bool = false) -> Bool {
        !text.isEmpty
            && !text.unicodeScalars.contains { scalar in
                scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "#"
                    || (isKey && scalar == "=")
                    || scalar.value < 0x20 || scalar.value == 0x7F
            }
    }
}
