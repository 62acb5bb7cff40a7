import Testing
@_spi(Tools) @testable import HPCCompiler

/// JSON text read into `JSON` (dashboard widgets, the language server's messages).
@Suite("JSON text")
struct JSONTextTests {
    @Test func numbersThatAreWholeStayWhole() {
        #expect(
            JSONText.parse("[1.0, 1e2, 2.5, -0, 1.5e3]") == [.int(1), .int(100), .double(2.5), .int(0), .int(1500)])
        #expect(JSONText.parse("[12345678901234567890]") == [.double(12_345_678_901_234_567_890)])
        #expect(JSONText.parse("[1E400]") == nil, "not a finite number")
        #expect(JSONText.parse("01") == nil && JSONText.parse("1.") == nil && JSONText.parse("-") == nil)
    }

    @Test func stringsKeepEveryEscape() {
        #expect(JSONText.parse(#""\ud83d\ude80 \u00e9\n\t\"\\\/""#) == .string("🚀 é\n\t\"\\/"))
        #expect(JSONText.parse(#""\ud83d""#) == nil, "a lone surrogate")
        #expect(JSONText.parse(#""a\ud83db\udc00""#, loneSurrogates: .replaced) == .string("a\u{FFFD}b\u{FFFD}"))
        #expect(JSONText.parse(#""\ud83d\u0041""#, loneSurrogates: .replaced) == .string("\u{FFFD}A"))
        #expect(JSONText.parse("\"a\u{1}\"") == nil, "a control character")
        #expect(JSONText.parse(#""é🚀""#) == .string("é🚀"))
    }

    @Test func structuresAsTheDecoderReadThem() {
        #expect(JSONText.parse(#"{"a": 1, "a": 2, "b": [true, null, {}]}"#) == ["a": 1, "b": [true, .null, [:]]])
        #expect(JSONText.parse("[1,]") == [1], "a trailing comma is tolerated")
        #expect(JSONText.parse("[1] x") == nil && JSONText.parse("{\"a\" 1}") == nil && JSONText.parse("") == nil)
    }

    @Test func aStringOfManyEscapedLinesReadsWhole() {
        let lines = String(repeating: "  # c\\n", count: 10_000)
        #expect(JSONText.parse("\"\(lines)\"")?.text == String(repeating: "  # c\n", count: 10_000))
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(JSONText.parse(deep) == nil)
        let allowed = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect(JSONText.parse(allowed) != nil)
    }
}
