import Foundation

/// The `hpcc` executable SwiftPM built beside the test bundle.
public enum HPCCBinary {
    public static var url: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("hpcc")
    }

    /// Runs `hpcc` with `arguments` from the repository root.
    public static func run(_ arguments: [String]) throws -> Shell.Outcome {
        try Shell.run(url.path, arguments, directory: Repository.root)
    }
}
