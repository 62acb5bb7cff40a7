import Foundation
import TestSupport

/// The real consumer of an emitted Packer template: `packer validate`, first `-syntax-only` (the
/// HCL2 parses), then in full, which checks every argument against the googlecompute builder's
/// schema and the values against its rules, offline and without credentials. Variables that
/// carry outputs of earlier Terraform groups get placeholders, as `terraform output` would give.
public enum PackerCheck {
    /// `packer` on the PATH.
    public static var executable: String? { Shell.which("packer") }

    public struct Rejection: Error, CustomStringConvertible {
        public let description: String
    }

    public struct Unavailable: Error, CustomStringConvertible {
        public init() {}
        public let description = "packer is not installed: run .ci/run, or apt-get install packer"
    }

    /// The templates among the written files (`<group>/<module>/image.pkr.hcl`).
    public static func templates(in paths: [String]) -> [String] {
        paths.filter { $0.hasSuffix("/image.pkr.hcl") }.sorted()
    }

    /// Validates the template in `folder` (of a written deployment); throws on any rejection.
    public static func validate(folder: URL) throws {
        guard let executable else { throw Unavailable() }
        let environment = ["CHECKPOINT_DISABLE": "1", "PACKER_CACHE_DIR": folder.appendingPathComponent(".cache").path]
        let syntax = try Shell.run(
            executable, ["validate", "-syntax-only", "."], environment: environment, directory: folder)
        guard syntax.status == 0 else {
            throw Rejection(description: "packer validate -syntax-only:\n\(syntax.stdout)\(syntax.stderr)")
        }
        let imported = try unsetVariables(folder: folder).flatMap { ["-var", "\($0)=placeholder-\($0)"] }
        let full = try Shell.run(
            executable, ["validate"] + imported + ["."], environment: environment, directory: folder)
        guard full.status == 0 else {
            throw Rejection(description: "packer validate:\n\(full.stdout)\(full.stderr)")
        }
    }

    /// Variables the template declares that its variables file does not set.
    public static func unsetVariables(folder: URL) throws -> [String] {
        let template = try String(contentsOf: folder.appendingPathComponent("image.pkr.hcl"), encoding: .utf8)
        let values = try String(contentsOf: folder.appendingPathComponent("hpcc.auto.pkrvars.hcl"), encoding: .utf8)
        let set = Set(
            values.split(separator: "\n").compactMap { line in
                line.hasPrefix("#") ? nil : line.split(separator: " ").first.map(String.init)
            })
        return template.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("variable \"") else { return nil }
            let name = line.dropFirst("variable \"".count).prefix { $0 != "\"" }
            return set.contains(String(name)) ? nil : String(name)
        }
    }
}
