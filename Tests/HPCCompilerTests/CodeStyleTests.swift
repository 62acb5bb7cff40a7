import Foundation
import Testing
import TestSupport

/// The Swift sources keep to `.swift-format`'s line length: no line over 120 characters (Unicode
/// scalars, as `awk 'length > 120'` counts them in a UTF-8 locale). swift-format cannot break string
/// literals or comments, so this catches what `swift format lint` in CI would also report.
@Suite("Code style")
struct CodeStyleTests {
    static let limit = 120

    /// Every `.swift` file under Sources/, Tests/, Plugins/ and examples/ (hidden folders such as
    /// `.build` skipped), and Package.swift.
    static func swiftFiles() -> [URL] {
        var files = [Repository.root.appendingPathComponent("Package.swift")]
        for folder in ["Sources", "Tests", "Plugins", "examples"] {
            let url = Repository.root.appendingPathComponent(folder)
            guard
                let walker = FileManager.default.enumerator(
                    at: url, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles])
            else { continue }
            for case let file as URL in walker where file.pathExtension == "swift" {
                files.append(file)
            }
        }
        return files
    }

    @Test func noLineIsLongerThan120Characters() throws {
        let files = Self.swiftFiles()
        #expect(files.count > 100, "found only \(files.count) Swift files under \(Repository.root.path)")
        var offenders: [String] = []
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            let relative = String(file.path.dropFirst(Repository.root.path.count)).trimmingPrefix("/")
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.unicodeScalars.count > Self.limit {
                offenders.append("\(relative):\(index + 1): \(line.unicodeScalars.count) characters")
            }
        }
        for offender in offenders {
            print(offender)
        }
        #expect(
            offenders.isEmpty,
            """
            \(offenders.count) lines are over \(Self.limit) characters (listed above); break them \
            (swift format format -i -r --configuration .swift-format Sources Tests Plugins Package.swift examples \
            does what it can)
            """)
    }
}
