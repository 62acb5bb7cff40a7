import Testing
@_spi(Tools) @testable import HPCCompiler

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
            text +=
                "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
                + "]\n"
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
        let template = TemplateParser.parse(
            text, at: SourceLocation(file: "t", line: 1, column: 10), style: .plain, diagnostics: &diagnostics)
        return (template, diagnostics.sorted)
    }

    @Test func aSoleExpressionKeepsItsType() {
        let (template, _) = parse("$(vars.size)")
        #expect(template.soleExpression == .variable("size", SourceLocation(file: "t", line: 1, column: 12, length: 9)))
    }

    /// As in the Cluster Toolkit: a scalar is Terraform text only as a whole, `((...))`, and
    /// `\((...))` is that text literally; a `((` inside a longer string is text (a shell's
    /// arithmetic), and `\$(` is a literal `$(` anywhere.
    @Test func escapesAndTerraformPassThrough() {
        let (template, diagnostics) = parse("\\$(not) and ((n=n+1)) but $(vars.y)")
        #expect(diagnostics.isEmpty)
        #expect(template.segments.count == 2)
        #expect(template.segments[0] == .literal("$(not) and ((n=n+1)) but "))
        #expect(parse("((var.x + 1))").0.segments == [.terraform("var.x + 1")])
        #expect(parse("\\((var.x))").0.segments == [.literal("((var.x))")])
        #expect(parse("echo ((x").1.isEmpty)
        for text in ["((var.x))", "a ((b)) $(c", "((x)) and $(y", "\\$(z", "$(", "((a))b"] {
            #expect(ValueText.escapeBlueprintText(text) != text || text == "((a))b")
            #expect(parse(ValueText.escapeBlueprintText(text)).0.literalText == text, "\(text)")
        }
    }

    @Test func listAndObjectLiteralsParse() {
        let (template, diagnostics) = parse("$(concat([1, \"a\", true, null], [{k = vars.x, \"q k\": [2,]}]))")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        guard case let .call("concat", arguments, _)? = template.soleExpression, arguments.count == 2,
            case let .list(first, _) = arguments[0], case let .list(second, _) = arguments[1],
            case let .object(members, _)? = second.first
        else {
            Issue.record("\(template)")
            return
        }
        #expect(first.count == 4)
        #expect(first[2] == .bool(true) && first[3] == .null)
        #expect(members.map(\.key) == ["k", "q k"])
        #expect(positions(parse("$({a = 1, a = 2})").1) == ["1:20 HPC1007"])
        #expect(positions(parse("$([1 2])").1) == ["1:15 HPC1007"])
    }

    @Test func syntaxErrorsPointInsideTheString() {
        #expect(positions(parse("x-$(vars.a +)").1) == ["1:22 HPC1007"])
        #expect(positions(parse("$(vars.a").1) == ["1:10 HPC1007"])
        #expect(positions(parse("$(size)").1) == ["1:12 HPC1007"])
    }

    @Test func arithmeticAndFunctionsEvaluate() throws {
        let result = compile(
            mini("node_count_dynamic_max: 2", "node_count_dynamic_max: $(vars.base * 2 + 1)").replacingOccurrences(
                of: "  zone: us-central1-a\n", with: "  zone: us-central1-a\n  base: 3\n"))
        #expect(result.succeeded, "\(result.diagnostics)")
        #expect(result.deployment?.clusters.first?.nodesets.first?.dynamicMax == 7)
    }

    @Test func interpolationBuildsStrings() throws {
        let result = compile(
            mini("partition_name: batch", "partition_name: $(vars.region)-x").replacingOccurrences(
                of: "region: us-central1", with: "region: us-central1"))
        #expect(result.deployment?.clusters.first?.partitions.first?.name == "us-central1-x")
    }
}

/// The forms of expressions the Cluster Toolkit's examples use, compiled and checked in the output.
@Suite("Expressions the Toolkit uses")
struct ToolkitExpressionTests {
    /// The minimal blueprint with the Toolkit's forms in the nodeset (lines 20 to 25).
    static let blueprint = mini(
        "  zone: us-central1-a\n", "  zone: us-central1-a\n  a: [x]\n  b: [y, z]\n  data_server: 10.0.0.2\n"
    )
    .replacingOccurrences(
        of: "      node_count_dynamic_max: 2\n",
        with: """
                  tags: $(flatten([vars.a, vars.b]))
                  network_storage: $(concat(
                    [{server_ip = vars.data_server, remote_mount = "/export", local_mount = "/data", fs_type = "nfs"}],
                    []))
                  node_conf: $(merge({Weight = 10},
                    {Features = "gpu"}))

            """)

    @Test func flattenConcatMergeAndLiteralsCompile() throws {
        let result = compile(Self.blueprint)
        #expect(result.succeeded, "\(result.diagnostics)")
        let nodeset = try #require(result.deployment?.clusters.first?.nodesets.first)
        #expect(nodeset.instance.tags == ["x", "y", "z"])
        #expect(
            nodeset.mounts.map { "\($0.server.known ?? "?"):\($0.remotePath) \($0.localMount)" } == [
                "10.0.0.2:/export /data"
            ])
        let conf = try #require(result.file("slurm/slurm.conf"))
        #expect(conf.contains("Features=gpu Weight=10"), "\(conf)")
        let terraform = try #require(result.file("primary/main.tf.json"))
        #expect(terraform.contains("\"x\",\n          \"y\",\n          \"z\""))
    }

    /// Errors inside expressions written over several lines point at the token, in plain, block
    /// and quoted scalars.
    @Test func positionsInsideMultiLineExpressionsAreExact() {
        let plain = Self.blueprint.replacingOccurrences(of: "{Features = \"gpu\"}", with: "{Features = vars.nope}")
        #expect(positions(compile(plain).diagnostics) == ["25:21 HPC3001"])
        let block = Self.blueprint.replacingOccurrences(
            of: "      node_conf: $(merge({Weight = 10},\n        {Features = \"gpu\"}))\n",
            with: "      startup_script: |\n        #!/bin/bash\n        echo $(vars.a[0])\n        echo $(vars.nope)\n"
        )
        #expect(positions(compile(block).diagnostics) == ["27:16 HPC3001"])
        let quoted = Self.blueprint.replacingOccurrences(
            of: "      node_conf: $(merge({Weight = 10},\n        {Features = \"gpu\"}))\n",
            with: "      startup_script: \"echo\n        $(vars.nope)\"\n")
        #expect(positions(compile(quoted).diagnostics) == ["25:11 HPC3001"])
    }

    /// A shell's `((...))` inside a script is text, as in the Cluster Toolkit.
    @Test func shellArithmeticInAScriptIsText() throws {
        let text = Self.blueprint.replacingOccurrences(
            of: "      node_conf: $(merge({Weight = 10},\n        {Features = \"gpu\"}))\n",
            with: "      startup_script: |\n        n=0\n        ((n=n+1))\n        echo $n\n")
        let result = compile(text)
        #expect(result.succeeded, "\(result.diagnostics)")
        #expect(result.file("primary/main.tf.json")?.contains("((n=n+1))") == true)
    }

    @Test func ghpcStageCopiesOnlyWhatTheCompilerMayRead() {
        let text = Self.blueprint.replacingOccurrences(
            of: "machine_type: n2-standard-2",
            with: "machine_type: n2-standard-2\n      startup_script: $(ghpc_stage(\"files/x.sh\"))")
        let result = compile(text)
        #expect(result.diagnostics.map(\.code) == [.includedFileUnreadable])
        #expect(
            result.diagnostics.first?.message
                == "ghpc_stage() cannot copy: 'files/x.sh' is not read: this compiler reads no files")
        #expect(result.diagnostics.first?.location?.column == 25)
    }
}
