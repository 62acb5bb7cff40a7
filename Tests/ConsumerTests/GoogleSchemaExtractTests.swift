import ConsumerChecks
import Foundation
import Testing
import TestSupport

/// The committed Google schema extract is exactly what the extraction script makes from the
/// cdktf package today: nobody edited it by hand, and every type the goldens use is in it.
@Suite("The Google schema extract is current")
struct GoogleSchemaExtractTests {
    static let script = Repository.root.appendingPathComponent("Tests/Tools/extract-google-schema.py")

    /// The wheel, from `HPCC_WHEEL_DIR` (set by .ci/run) or the folder .ci/run downloads it to.
    static var wheel: URL? {
        let folders = [
            ProcessInfo.processInfo.environment["HPCC_WHEEL_DIR"],
            Repository.root.appendingPathComponent(".build-ci/wheels").path,
        ].compactMap { $0 }
        for folder in folders {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            if let name = names.sorted().first(where: {
                $0.hasPrefix("cdktf_cdktf_provider_google-16.12.1-") && $0.hasSuffix(".whl")
            }) {
                return URL(fileURLWithPath: folder).appendingPathComponent(name)
            }
        }
        return nil
    }

    @Test func reExtractionMatchesTheCommittedFile() throws {
        guard let wheel = Self.wheel else {
            let reason =
                """
                no cdktf-cdktf-provider-google 16.12.1 wheel (run .ci/run, or pip download --no-deps \
                cdktf-cdktf-provider-google==16.12.1 -d .build-ci/wheels)
                """
            if ConsumerTools.required {
                Issue.record(Comment(rawValue: reason))
            } else {
                _ = ConsumerTools.skipped("Google schema re-extraction", because: reason)
            }
            return
        }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent(
            "hpcc-google-schema-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: output) }
        let python = Shell.which("python3") ?? "/usr/bin/python3"
        let outcome = try Shell.run(
            python,
            [
                Self.script.path, "--wheel", wheel.path, "--keep", ProviderSchemas.googleExtract.path, "--output",
                output.path,
            ])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let fresh = try Data(contentsOf: output)
        let committed = try Data(contentsOf: ProviderSchemas.googleExtract)
        #expect(
            fresh == committed,
            """
            Tests/Fixtures/provider-schemas/google.json is stale: re-run Tests/Tools/extract-google-schema.py --wheel \
            \(wheel.path) --output Tests/Fixtures/provider-schemas/google.json and commit it
            """
        )
        print(
            """
            consumer check | all blueprints | google schema extract | re-extracted from \(wheel.lastPathComponent): \
            \(fresh == committed ? "identical to the committed file" : "DIFFERS")
            """
        )
    }
}
