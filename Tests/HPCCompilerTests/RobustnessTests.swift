import Testing
@_spi(Tools) @testable import HPCCompiler

/// No input crashes the compiler: every truncation and many single-character corruptions of a
/// real blueprint compile to diagnostics or files, never a trap.
@Suite("No crash on any input")
struct RobustnessTests {
    static let replacements: [Character] = [
        "\t", ":", "-", "[", "{", "\"", "'", "$", "(", ")", "&", "*", "!", "#", "\n", " ", "\u{0}", "é",
    ]

    @Test func truncationsNeverCrash() {
        let text = Array(minimalBlueprint)
        for end in stride(from: 0, through: text.count, by: 3) {
            let result = compile(String(text[..<end]))
            #expect(result.succeeded || !result.diagnostics.isEmpty)
        }
    }

    @Test func corruptionsNeverCrash() {
        let text = Array(minimalBlueprint)
        var state: UInt64 = 0x9E3779B97F4A7C15
        for _ in 0..<1500 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let position = Int(state >> 33) % text.count
            var mutated = text
            mutated[position] = Self.replacements[Int(state >> 20) % Self.replacements.count]
            let result = compile(String(mutated))
            #expect(result.succeeded || result.diagnostics.contains { $0.severity == .error })
        }
    }

    @Test func overflowingArithmeticNeverCrashes() {
        for expression in [
            "$(vars.big * vars.big)", "$(vars.small / -1)", "$(vars.small % -1)", "$(vars.small - 1)",
            "$(vars.big + 1)",
        ] {
            let text = mini("node_count_dynamic_max: 2", "node_count_dynamic_max: \(expression)")
                .replacingOccurrences(
                    of: "  zone: us-central1-a\n",
                    with: "  zone: us-central1-a\n  big: \(Int.max)\n  small: \(Int.min)\n")
            #expect(!compile(text).succeeded, "\(expression) is out of range for a node count")
        }
    }

    @Test func longLinesAreCutAroundTheCaret() {
        let result = compile(
            "blueprint_name: x\nvars: {deployment_name: x, " + String(repeating: "a: 1, ", count: 100) + "a: 2}\n")
        let text = TextRenderer().render(result.diagnostics, sources: result.sources)
        #expect(text.split(separator: "\n").allSatisfy { $0.count < 140 })
        #expect(text.contains("^"))
    }

    @Test func strangeValuesInEverySettingNeverCrash() {
        let values = [
            "", "null", "[]", "{}", "-1", "1e400", "99999999999999999999", "$(vars.zone)", "((var.x))", "\"$(\"",
            "[[[]]]", "{a: {b: [1]}}",
        ]
        for value in values {
            for setting in [
                "machine_type", "node_count_dynamic_max", "zones", "node_conf", "guest_accelerator", "instance_image",
                "enable_smt",
            ] {
                let result = compile(
                    mini(
                        "      node_count_dynamic_max: 2\n",
                        "      node_count_dynamic_max: 2\n      \(setting): \(value)\n"))
                _ = result.files.count
            }
        }
    }
}
