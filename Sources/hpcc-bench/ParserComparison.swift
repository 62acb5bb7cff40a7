import CYaml
import Foundation
@_spi(Tools) import HPCCompiler
import TestSupport
import Yams

/// `--parsers`: how fast the generated blueprint of each size is read by the ways hpcc could read
/// YAML, in this process, so the parse stage's choice rests on figures:
/// - libyaml's event API alone (the floor: scanning and parsing, no tree);
/// - Yams' `compose` with its default resolver (tags found by regular expressions);
/// - Yams' `compose` with the basic resolver (what hpcc uses);
/// - hpcc's whole parse stage (`YAMLReader`: compose, then hpcc's tree with positions and limits).
enum ParserComparison {
    static func run(sizes: [Int], repeats: Int) throws {
        print(
            "size   MB     libyaml events ms  Yams compose (default) ms  Yams compose (basic) ms  hpcc parse stage ms")
        for size in sizes {
            let text = ScaleBlueprints.blueprint(.gcp, size: size)
            let events = try median(repeats) { _ = try libyamlEvents(text) }
            let composeDefault = try median(repeats) { _ = try Yams.compose(yaml: text) }
            let composeBasic = try median(repeats) { _ = try Yams.compose(yaml: text, Yams.Resolver.basic) }
            let stage = try median(repeats) {
                var diagnostics = Diagnostics()
                _ = YAMLReader().read(SourceFile(name: "bench.yaml", text: text), into: &diagnostics)
            }
            print(
                String(
                    format: "%-6d %-6.2f %-18.1f %-26.1f %-24.1f %.1f", size, Double(text.utf8.count) / 1e6,
                    events * 1000, composeDefault * 1000, composeBasic * 1000, stage * 1000))
        }
    }

    /// The median wall time of `repeats` runs of `work`, in seconds.
    private static func median(_ repeats: Int, _ work: () throws -> Void) throws -> Double {
        let clock = ContinuousClock()
        var times: [Double] = []
        for _ in 0..<repeats {
            let start = clock.now
            try work()
            times.append((clock.now - start).seconds)
        }
        return times.sorted()[times.count / 2]
    }

    /// Every event libyaml produces for `text`, counted; nothing is built.
    private static func libyamlEvents(_ text: String) throws -> Int {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { throw BenchError(description: "libyaml could not start") }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(text.utf8)
        var count = 0
        try bytes.withUnsafeMutableBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    throw BenchError(description: "libyaml could not parse the blueprint")
                }
                let done = event.type == YAML_STREAM_END_EVENT
                yaml_event_delete(&event)
                count += 1
                if done { break }
            }
        }
        return count
    }
}
