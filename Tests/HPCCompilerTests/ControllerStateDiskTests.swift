import Testing
@_spi(Tools) @testable import HPCCompiler

/// `controller_state_disk` defaults to a 50 GB pd-ssd; an explicit null turns the disk off (Slurm's
/// state stays on the boot disk), as its description says: Resolve keeps that null instead of
/// replacing it with the default.
@Suite("Controller state disk")
struct ControllerStateDiskTests {
    static func controller(_ settings: String) -> String {
        mini("    use: [network, partition]\n", "    use: [network, partition]\n    settings:\n\(settings)")
    }

    @Test func theDefaultIsAPersistentSSD() throws {
        let result = compile(minimalBlueprint)
        let disk = try #require(result.deployment?.clusters.first?.controller.stateDisk)
        #expect(disk.type == "pd-ssd" && disk.sizeGB == 50)
        #expect(result.file("primary/main.tf.json")?.contains("\"google_compute_disk\"") == true)
    }

    @Test func nullTurnsTheDiskOff() throws {
        let result = compile(Self.controller("      controller_state_disk: null\n"))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        let cluster = try #require(result.deployment?.clusters.first)
        #expect(cluster.controller.stateDisk == nil)
        let terraform = try #require(result.file("primary/main.tf.json"))
        #expect(!terraform.contains("\"google_compute_disk\"") && !terraform.contains("attached_disk"))
        // The expanded blueprint keeps the null, and compiles to the same deployment.
        let expanded = try #require(result.file("expanded-blueprint.yaml"))
        #expect(expanded.contains("      controller_state_disk:\n"), "written as YAML null")
        let again = compile(expanded, file: "expanded-blueprint.yaml")
        #expect(again.file("primary/main.tf.json") == terraform)
    }

    @Test func aNullVariableTurnsItOffToo() throws {
        let text = Self.controller("      controller_state_disk: $(vars.state_disk)\n")
            .replacingOccurrences(of: "  zone: us-central1-a\n", with: "  zone: us-central1-a\n  state_disk: null\n")
        let result = compile(text)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        #expect(try #require(result.deployment?.clusters.first).controller.stateDisk == nil)
    }

    @Test func anExplicitDiskIsUsed() throws {
        let result = compile(Self.controller("      controller_state_disk: {type: pd-balanced, size: 100}\n"))
        let disk = try #require(result.deployment?.clusters.first?.controller.stateDisk)
        #expect(disk.type == "pd-balanced" && disk.sizeGB == 100)
    }

    /// Other settings with a default still take it for an explicit null.
    @Test func nullElsewhereStillMeansTheDefault() throws {
        let result = compile(Self.controller("      controller_startup_scripts_timeout: null\n"))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        #expect(try #require(result.deployment?.clusters.first).controller.startupTimeout == 300)
    }
}
