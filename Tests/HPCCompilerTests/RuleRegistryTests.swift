import Foundation
import Testing
import TestSupport
@_spi(Tools) @testable import HPCCompiler

/// Every diagnostic code is registered with a severity, a summary and a long explanation with an
/// example and a fix, and every registered code is used by the compiler (or the command line).
@Suite("Rule registry")
struct RuleRegistryTests {
    @Test(arguments: DiagnosticCode.allCases)
    func codeIsDocumented(_ code: DiagnosticCode) {
        let explanation = DiagnosticCode.explanations[code]
        #expect(explanation != nil, "\(code.rawValue) has no explanation")
        #expect((explanation?.text.count ?? 0) >= 80, "\(code.rawValue): the explanation says too little")
        #expect(explanation?.example.isEmpty == false, "\(code.rawValue) has no example")
        #expect(explanation?.fix.isEmpty == false, "\(code.rawValue) has no fix")
        #expect(!code.summary.isEmpty)
        #expect(code.manual.hasPrefix("\(code.rawValue) (\(code.defaultSeverity.rawValue)): \(code.summary)\n"))
    }

    /// A registered code that nothing reports is dead, or a rule that was never written.
    @Test func everyCodeIsReportedSomewhere() throws {
        let sources = Repository.root.appendingPathComponent("Sources")
        let files = try FileManager.default.subpathsOfDirectory(atPath: sources.path)
            .filter { $0.hasSuffix(".swift") && !$0.hasSuffix("DiagnosticCode.swift") && !$0.contains("Explanations/") }
        let text = try files.map { try String(contentsOf: sources.appendingPathComponent($0), encoding: .utf8) }.joined(
            separator: "\n")
        let unused = DiagnosticCode.allCases.filter { !text.contains(".\(String(describing: $0))") }
        #expect(unused.isEmpty, "never reported: \(unused.map(\.rawValue))")
    }

    @Test func codesAreUniqueAndInTheirRange() {
        #expect(Set(DiagnosticCode.allCases.map(\.rawValue)).count == DiagnosticCode.allCases.count)
        for code in DiagnosticCode.allCases {
            #expect(code.rawValue.hasPrefix("HPC") && code.rawValue.count == 7, "\(code.rawValue)")
        }
        #expect(DiagnosticCode.explanations.count == DiagnosticCode.allCases.count)
    }
}
