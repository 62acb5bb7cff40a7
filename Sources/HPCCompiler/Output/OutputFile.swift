/// One file of a deployment folder, in memory.
public struct OutputFile: Hashable, Sendable {
    /// Path relative to the deployment folder, with '/' separators.
    public var path: String
    /// The bytes.
    public var contents: [UInt8]
    /// Whether the file is a program (written with mode 0755).
    public var executable: Bool

    /// A text file.
    public init(path: String, text: String, executable: Bool = false) {
        self.path = path
        self.contents = Array(text.utf8)
        self.executable = executable
    }

    /// A file of the given bytes.
    public init(path: String, bytes: [UInt8], executable: Bool = false) {
        self.path = path
        self.contents = bytes
        self.executable = executable
    }

    /// The contents as text.
    public var text: String { String(decoding: contents, as: UTF8.self) }
}
