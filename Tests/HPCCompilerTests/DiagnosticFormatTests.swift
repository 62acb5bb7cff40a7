import Foundation
import Testing
@_spi(Tools) @testable import HPCCompiler

/// `--format github` and `--format sarif`: what each finding becomes. The SARIF schema itself
/// judges the logs in ConsumerTests (SARIFConsumerTests).
@Suite("Diagnostic formats")
struct DiagnosticFormatTests {
    private let duplicate = Compiler().compile(SourceFile(name: "blueprints/a.yaml", text: "a: 1\nb: 2\na: 3\n"))
        .diagnostics

    @Test func githubAnnotationsCarryFileLineAndColumn() {
        let lines = DiagnosticGitHubRenderer.render(duplicate).split(separator: "\n").map(String.init)
        #expect(lines.count == duplicate.count)
        #expect(
            lines.first { $0.contains("HPC1002") }
                == """
                ::error file=blueprints/a.yaml,line=3,col=1,endColumn=2,title=HPC1002 \
                \(DiagnosticCode.duplicateKey.summary)
                """
                    + """
                    ::duplicate key 'a'%0Anote: blueprints/a.yaml:1:1: first defined here%0Ahelp: remove one of them; \
                    YAML keeps neither silently
                    """
        )
    }

    @Test func githubEscapesWhatWouldEndTheCommand() {
        let diagnostic = Diagnostic(
            .yamlSyntax, "100% wrong\r\nhere", at: SourceLocation(file: "dir,x/a:b.yaml", line: 2, column: 3))
        let line = DiagnosticGitHubRenderer.command(diagnostic)
        #expect(line.hasPrefix("::error file=dir%2Cx/a%3Ab.yaml,line=2,col=3,endColumn=4,title=HPC1001 "))
        #expect(line.hasSuffix("::100%25 wrong%0D%0Ahere\n"))
        #expect(line.filter { $0 == "\n" }.count == 1)
        let warning = Diagnostic(.unusedVariable, "unused", at: nil, severity: .warning)
        #expect(DiagnosticGitHubRenderer.command(warning).hasPrefix("::warning title=HPC3019 "))
    }

    @Test func sarifHasOneRulePerCodeAndAResultPerFinding() throws {
        let diagnostics = duplicate + [Diagnostic(.writeFailed, "cannot write", at: nil)]
        let log = try #require(
            JSONSerialization.jsonObject(
                with: Data(DiagnosticSARIFRenderer.render(diagnostics, toolVersion: "9.9").utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "hpcc" && driver["version"] as? String == "9.9")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == Array(Set(diagnostics.map(\.code.rawValue))).sorted())
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == diagnostics.count)
        let located = try #require(results.first { $0["ruleId"] as? String == "HPC1002" })
        let physical = try #require(
            ((located["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any])
        #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == "blueprints/a.yaml")
        let region = try #require(physical["region"] as? [String: Int])
        #expect(region == ["startLine": 3, "startColumn": 1, "endColumn": 2])
        #expect((located["relatedLocations"] as? [[String: Any]])?.count == 1)
        let unplaced = try #require(results.first { $0["ruleId"] as? String == DiagnosticCode.writeFailed.rawValue })
        #expect(unplaced["locations"] == nil)
        #expect(rules[located["ruleIndex"] as! Int]["id"] as? String == "HPC1002")
    }

    @Test func sarifFileNamesAreURIReferences() {
        #expect(DiagnosticSARIFRenderer.uri("blueprints/a b#1.yaml") == "blueprints/a%20b%231.yaml")
        #expect(DiagnosticSARIFRenderer.uri("/tmp/größe.yaml") == "/tmp/gr%C3%B6%C3%9Fe.yaml")
    }

    /// Findings at one position (a key's span, the document's start) come out in one order
    /// whatever order they were found in: the report is the same on every run.
    @Test func findingsAtOnePositionHaveOneOrder() {
        let at = { (length: Int) in SourceLocation(file: "a.yaml", line: 1, column: 1, length: length) }
        let findings = [
            Diagnostic(.missingKey, "'blueprint_name' is missing", at: at(1)),
            Diagnostic(.unknownKey, "unknown key 'blueprint_nme'", at: at(13), help: "did you mean 'blueprint_name'?"),
            Diagnostic(.unknownKey, "unknown key 'blueprint_nme'", at: at(12)),
            Diagnostic(.unknownKey, "unknown key 'blueprint_nme'", at: at(13)),
        ]
        let sorted = findings.sorted(by: Diagnostic.inReportOrder)
        for _ in 0..<20 {
            #expect(findings.shuffled().sorted(by: Diagnostic.inReportOrder) == sorted)
        }
        #expect(sorted.map(\.code) == [.unknownKey, .unknownKey, .unknownKey, .missingKey])
    }
}
