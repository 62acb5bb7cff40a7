import Foundation
import HPCCompiler

/// What must hold for any input to the whole pipeline, fuzzed or replayed: hpcc either writes a
/// deployment (deterministically, with no error, and one its expanded blueprint compiles back
/// to) or reports errors, each at a position, and writes nothing; rendering the findings works
/// whatever they say. A crash is the other way to fail, and the fuzzer sees that itself.
public enum PipelineInvariants {
    /// Separates the blueprint from `--vars` overrides (one `NAME=VALUE` per line) in a fuzz input.
    public static let variablesMarker = "\n#hpcc-fuzz-vars\n"

    /// Problems with how hpcc handled `bytes`; empty when every invariant holds. Input that is not
    /// UTF-8 is skipped: the command line refuses it before the compiler sees it.
    public static func violations(for bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        guard let input = String(validating: bytes, as: UTF8.self) else { return [] }
        let parts = input.components(separatedBy: variablesMarker)
        let variables =
            parts.count > 1
            ? parts[1...].joined(separator: variablesMarker).split(separator: "\n").map(String.init) : []
        return violations(blueprint: parts[0], variables: variables)
    }

    public static func violations(blueprint: String, variables: [String]) -> [String] {
        // No disk: runner sources resolve to nothing, so the outcome depends on the input alone.
        let compiler = Compiler(files: .memory([:]))
        let source = SourceFile(name: "fuzz.yaml", text: blueprint)
        let result = compiler.compile(source, variables: variables)
        _ = TextRenderer().render(result.diagnostics, sources: result.sources)
        _ = DiagnosticJSONRenderer.render(result.diagnostics)
        guard result.succeeded else { return violations(of: result, second: nil, expanded: nil) }
        let expanded = result.files.first { $0.path == "expanded-blueprint.yaml" }.map {
            compiler.compile(SourceFile(name: "expanded-blueprint.yaml", text: $0.text))
        }
        return violations(of: result, second: compiler.compile(source, variables: variables), expanded: expanded)
    }

    /// The invariants over one compilation, a second one of the same input, and one of its
    /// expanded blueprint (both nil when it failed).
    public static func violations(
        of result: CompileResult, second: CompileResult?, expanded: CompileResult?
    ) -> [String] {
        var problems: [String] = []
        guard result.succeeded else {
            if !result.files.isEmpty { problems.append("errors, but \(result.files.count) files") }
            for diagnostic in result.diagnostics
            where diagnostic.severity == .error && diagnostic.location == nil && diagnostic.code != .invalidOverride {
                problems.append("error without a position: \(diagnostic.code.rawValue) \(diagnostic.message)")
            }
            return problems
        }
        if result.files.isEmpty { problems.append("no error, but no files") }
        if let second, second.files != result.files { problems.append("a second compilation wrote different files") }
        guard let expanded else {
            problems.append("no expanded-blueprint.yaml")
            return problems
        }
        if !expanded.succeeded {
            let errors = expanded.diagnostics.filter { $0.severity == .error }.map {
                """
                \($0.code.rawValue) \($0.message)
                """
            }
            problems.append("the expanded blueprint does not compile: \(errors.prefix(3))")
        } else if expanded.files.filter({ !provenance.contains($0.path) })
            != result.files.filter({ !provenance.contains($0.path) })
        {
            problems.append("the expanded blueprint compiles to different files")
        }
        // The expanded blueprint has nothing to say about itself: every warning it gets, the
        // blueprint it came from got too.
        let original = Set(result.diagnostics.map { "\($0.code.rawValue) \($0.message)" })
        for diagnostic in expanded.diagnostics
        where !original.contains("\(diagnostic.code.rawValue) \(diagnostic.message)") {
            problems.append(
                "the expanded blueprint gets a finding of its own: \(diagnostic.code.rawValue) \(diagnostic.message)")
        }
        return problems
    }

    /// Files that name the blueprint they came from, so they differ between a blueprint and its expansion.
    static let provenance: Set<String> = ["hpcc-manifest.json", "expanded-blueprint.yaml"]
}
