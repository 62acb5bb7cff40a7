import Testing
@_spi(Tools) @testable import HPCCompiler

/// Inputs past hpcc's size limits are refused with a positioned diagnostic before they cost time
/// or memory.
@Suite("Input limits")
struct InputLimitTests {
    private func described(_ result: CompileResult) -> String {
        let lines = result.diagnostics.map {
            "\($0.location.map { "\($0.line):\($0.column)" } ?? "-") \($0.code.rawValue) \($0.message)"
        }
        return "\(lines)"
    }

    @Test func aFileOverFourMebibytesIsRefusedUnread() {
        let text = "blueprint_name: x\n# " + String(repeating: "x", count: 4 * 1024 * 1024) + "\n"
        let result = compile(text)
        #expect(positions(result.diagnostics) == ["1:1 HPC1008"], "\(described(result))")
        #expect(result.diagnostics.first?.message.contains("hpcc reads at most 4194304") == true)
    }

    @Test func aValueOverHalfAMebibyteIsRefused() {
        let text =
            "blueprint_name: x\nvars:\n  deployment_name: x\n  big: " + String(repeating: "y", count: 512 * 1024 + 1)
            + "\ndeployment_groups: []\n"
        let result = compile(text)
        #expect(positions(result.diagnostics) == ["4:8 HPC1009"], "\(described(result).prefix(300))")
    }

    @Test func aListOfMoreThanAHundredThousandItemsIsRefused() {
        let items = (0...100_000).map { "  - \($0)\n" }.joined()
        let result = compile(
            "blueprint_name: x\nvars:\n  deployment_name: x\n  many:\n" + items + "deployment_groups: []\n")
        #expect(positions(result.diagnostics) == ["5:3 HPC1010"], "\(described(result).prefix(300))")
        let keys = (0...100_000).map { "k\($0): 1" }.joined(separator: ", ")
        let mapping = compile("blueprint_name: x\nvars: {deployment_name: x, \(keys)}\n")
        #expect(positions(mapping.diagnostics) == ["2:7 HPC1010"], "\(described(mapping).prefix(300))")
    }

    @Test func expressionsNestingDeeperThanSixtyFourLevelsAreRefused() {
        let deep = [
            "$(" + String(repeating: "(", count: 1000) + "vars.deployment_name" + String(repeating: ")", count: 1000)
                + ")",
            "$(" + String(repeating: "-", count: 100_000) + "1)",
            "$(1" + String(repeating: " + 1", count: 2000) + ")",
            "$(vars.deployment_name" + String(repeating: "[0]", count: 2000) + ")",
        ]
        for expression in deep {
            let result = compile(
                "blueprint_name: x\nvars:\n  deployment_name: x\n  v: \"\(expression)\"\ndeployment_groups: []\n")
            #expect(result.diagnostics.map(\.code).contains(.nestingTooDeep), "\(described(result).prefix(300))")
        }
        let fine = compile(
            "blueprint_name: x\nvars:\n  deployment_name: x\n  v: $(1" + String(repeating: " + 1", count: 60)
                + ")\n  w: $(vars.v)\ndeployment_groups: []\n")
        #expect(!fine.diagnostics.map(\.code).contains(.nestingTooDeep), "\(described(fine).prefix(300))")
    }

    @Test func variablesReadingVariablesMoreThanSixtyFourDeepAreRefused() {
        let chain = (0..<3000).map { "  v\($0): $(vars.v\($0 + 1))\n" }.joined()
        let result = compile(
            "blueprint_name: x\nvars:\n  deployment_name: x\n" + chain + "  v3000: end\ndeployment_groups: []\n")
        let deep = result.diagnostics.filter { $0.code == .nestingTooDeep }
        #expect(deep.count == 1 && deep.first?.location?.line == 67, "\(described(result).prefix(300))")
        let short = (0..<60).map { "  v\($0): $(vars.v\($0 + 1))\n" }.joined()
        let fine = compile(
            "blueprint_name: x\nvars:\n  deployment_name: x\n" + short + "  v60: end\ndeployment_groups: []\n")
        #expect(!fine.diagnostics.map(\.code).contains(.nestingTooDeep), "\(described(fine).prefix(300))")
    }

    @Test func nestingDeeperThanSixtyFourLevelsIsRefused() {
        let deep = String(repeating: "[", count: 70) + String(repeating: "]", count: 70)
        let result = compile("blueprint_name: x\nvars:\n  deployment_name: x\n  deep: \(deep)\n")
        // The root mapping is level 1, vars 2, the first bracket (column 9) 3: the 63rd bracket is level 65.
        #expect(positions(result.diagnostics) == ["4:71 HPC1011"], "\(described(result))")
    }
}
