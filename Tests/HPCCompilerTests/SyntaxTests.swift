import Testing
@testable import HPCCompiler

@Suite("Parse: YAML with positions")
struct SyntaxTests {
    private func read(_ text: String) -> (YAMLNode?, Diagnostics) {
        var diagnostics = Diagnostics()
        let node = YAMLReader().read(SourceFile(name: "t.yaml", text: text), into: &diagnostics)
        return (node, diagnostics)
    }

    @Test func keysAndValuesKeepTheirPositions() throws {
        let (node, diagnostics) = read("a: 1\nb:\n  - x\n  - \"y z\"\n")
        #expect(diagnostics.all.isEmpty)
        let entries = try #require(node?.entries)
        #expect(entries.map { "\($0.key)@\($0.keyLocation.line):\($0.keyLocation.column)" } == ["a@1:1", "b@2:1"])
        let list = try #require(entries[1].value.elements)
        #expect(list[1].location.line == 4 && list[1].location.column == 5 && list[1].location.length == 5)
        if case let .scalar(text, style, _, _) = list[1] {
            #expect(text == "y z" && style == .doubleQuoted)
        }
    }

    @Test func everyDuplicateKeyIsReportedAtItsSecondOccurrence() {
        let (node, diagnostics) = read("a: 1\nb: 2\na: 3\nc:\n  d: 1\n  d: 2\n")
        #expect(positions(diagnostics.sorted) == ["3:1 HPC1002", "6:3 HPC1002"])
        #expect(diagnostics.sorted.first?.notes.first?.location?.line == 1)
        #expect(node?["a"]?.scalarText == "1", "the first occurrence wins")
    }

    @Test func duplicatesInFlowMappingsAndQuotedKeysAreFoundToo() {
        let (node, diagnostics) = read("a: {x: 1, \"x\": 2, y: 3}\nb: [{k: 1, 'k': 2}]\n")
        #expect(positions(diagnostics.sorted) == ["1:11 HPC1002", "2:12 HPC1002"])
        #expect(node?["a"]?["x"]?.scalarText == "1" && node?["a"]?["y"]?.scalarText == "3")
    }

    @Test func aDuplicateInsideADroppedDuplicateIsReportedToo() {
        let (_, diagnostics) = read("a: 1\na: {x: 1, x: 2}\n")
        #expect(positions(diagnostics.sorted) == ["2:1 HPC1002", "2:11 HPC1002"])
    }

    @Test func syntaxErrorsAreReportedWithTheDuplicatesBeforeThem() {
        let (node, diagnostics) = read("a: 1\na: 2\nb: [1, 2\n")
        #expect(node == nil)
        #expect(diagnostics.sorted.map(\.code) == [.duplicateKey, .yamlSyntax])
    }

    @Test func aControlCharacterIsPlacedByCharactersNotBytes() {
        let (_, diagnostics) = read("a: \"größe\"\nb: ü\u{0}\n")
        #expect(positions(diagnostics.sorted) == ["2:5 HPC1001"])
    }

    @Test func anUndefinedAliasAndASecondDocumentAreSyntaxErrors() {
        let (_, alias) = read("a: 1\nb: *nowhere\n")
        #expect(positions(alias.sorted) == ["2:4 HPC1001"])
        #expect(alias.sorted.first?.message == "invalid YAML: found undefined alias")
        let (_, documents) = read("a: 1\n---\nb: 2\n")
        #expect(positions(documents.sorted) == ["2:1 HPC1001"])
    }

    @Test func aliasesCountTowardsTheNestingLimit() {
        var text = "deep: &deep " + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "\n"
        text += "use: " + String(repeating: "[", count: 30) + "*deep" + String(repeating: "]", count: 30) + "\n"
        let (node, diagnostics) = read(text)
        #expect(node == nil)
        #expect(diagnostics.all.map(\.code) == [.nestingTooDeep])
    }

    @Test func mergeKeysApply() {
        let (node, diagnostics) = read("base: &b {x: 1, y: 2}\nderived:\n  <<: *b\n  y: 3\n")
        #expect(diagnostics.all.isEmpty)
        #expect(node?["derived"]?["x"]?.scalarText == "1")
        #expect(node?["derived"]?["y"]?.scalarText == "3")
    }

    @Test func aliasBombsStopAtTheNodeLimit() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...7 {
            text += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let (node, diagnostics) = read(text)
        #expect(node == nil)
        #expect(diagnostics.all.map(\.code) == [.aliasExpansion])
    }

    @Test func customTagsAreRejected() {
        let (_, diagnostics) = read("a: !!binary aGVsbG8=\nb: !!str 010\n")
        #expect(positions(diagnostics.sorted) == ["1:4 HPC1006"])
    }

    @Test func nonScalarKeysAreRejected() {
        let (_, diagnostics) = read("? [a, b]\n: 1\n")
        #expect(diagnostics.all.map(\.code) == [.nonStringKey])
    }

    @Test func anEmptyFileIsReported() {
        #expect(read("# nothing\n").1.all.map(\.code) == [.emptyDocument])
    }
}

@Suite("Expressions")
struct ExpressionTests {
    private func parse(_ text: String) -> (Template, [Diagnostic]) {
        var diagnostics = Diagnostics()
        let template = TemplateParser.parse(text, at: SourceLocation(file: "t", line: 1, column: 10), style: .plain, diagnostics: &diagnostics)
        return (template, diagnostics.sorted)
    }

    @Test func aSoleExpressionKeepsItsType() {
        let (template, _) = parse("$(vars.size)")
        #expect(template.soleExpression == .variable("size", SourceLocation(file: "t", line: 1, column: 12, length: 9)))
    }

    @Test func escapesAndTerraformPassThrough() {
        let (template, diagnostics) = parse("\\$(not) and \\((nor)) but ((var.x)) and $(vars.y)")
        #expect(diagnostics.isEmpty)
        #expect(template.segments.count == 4)
        #expect(template.segments[0] == .literal("$(not) and ((nor)) but "))
        #expect(template.segments[1] == .terraform("var.x"))
    }

    @Test func syntaxErrorsPointInsideTheString() {
        #expect(positions(parse("x-$(vars.a +)").1) == ["1:22 HPC1007"])
        #expect(positions(parse("$(vars.a").1) == ["1:10 HPC1007"])
        #expect(positions(parse("$(size)").1) == ["1:12 HPC1007"])
    }

    @Test func arithmeticAndFunctionsEvaluate() throws {
        let result = compile(mini("node_count_dynamic_max: 2", "node_count_dynamic_max: $(vars.base * 2 + 1)").replacingOccurrences(of: "  zone: us-central1-a\n", with: "  zone: us-central1-a\n  base: 3\n"))
        #expect(result.succeeded, "\(result.diagnostics)")
        #expect(result.deployment?.clusters.first?.nodesets.first?.dynamicMax == 7)
    }

    @Test func interpolationBuildsStrings() throws {
        let result = compile(mini("partition_name: batch", "partition_name: $(vars.region)-x").replacingOccurrences(of: "region: us-central1", with: "region: us-central1"))
        #expect(result.deployment?.clusters.first?.partitions.first?.name == "us-central1-x")
    }
}
